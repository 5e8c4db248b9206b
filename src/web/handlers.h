/* handlers.h — every HTTP handler, one line each; web/routes.c wires them to paths. */
#ifndef MINKA_HANDLERS_H
#define MINKA_HANDLERS_H

struct req;


/* h_core.c */
int h_home(struct req *r);
int h_healthz(struct req *r);
int h_api_index(struct req *r);
int h_static(struct req *r);

/* h_territory.c */
int h_territories(struct req *r);
int h_territory(struct req *r);
int h_api_territories(struct req *r);
int h_api_territory(struct req *r);

#endif

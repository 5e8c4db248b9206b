/* version.h — minka's version, shown by `minka version` and the API index. */
#ifndef MINKA_VERSION_H
#define MINKA_VERSION_H

#define MINKA_VERSION "0.1.0"

#endif

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

/* h_account.c */
int h_login_form(struct req *r);
int h_login(struct req *r);
int h_logout(struct req *r);
int h_logout_all(struct req *r);
int h_account(struct req *r);
int h_account_password(struct req *r);
int h_token_create(struct req *r);
int h_token_revoke(struct req *r);
int h_api_me(struct req *r);
int h_signup_form(struct req *r);
int h_signup(struct req *r);
int h_reset_form(struct req *r);
int h_reset(struct req *r);
int h_admin_users(struct req *r);
int h_api_accounts(struct req *r);
int h_admin_user(struct req *r);
int h_admin_user_create(struct req *r);
int h_admin_grant(struct req *r);
int h_admin_reset(struct req *r);
int h_admin_active(struct req *r);
int h_admin_audit(struct req *r);
int h_api_audit(struct req *r);
int h_api_audit_verify(struct req *r);

/* h_plan.c */
int h_plans(struct req *r);
int h_plan_new_form(struct req *r);
int h_plan_create(struct req *r);
int h_plan_import_form(struct req *r);
int h_plan_import(struct req *r);
int h_plan(struct req *r);
int h_plan_update(struct req *r);
int h_plan_edit_form(struct req *r);
int h_plan_approve(struct req *r);
int h_plan_renumber(struct req *r);
int h_plan_document(struct req *r);
int h_plan_pdf(struct req *r);
int h_plan_json(struct req *r);
int h_plan_csv(struct req *r);
int h_plan_version(struct req *r);
int h_plan_diff(struct req *r);
int h_element_new_form(struct req *r);
int h_element_create(struct req *r);
int h_element(struct req *r);
int h_element_update(struct req *r);
int h_element_move(struct req *r);
int h_element_delete(struct req *r);
int h_element_align_form(struct req *r);
int h_element_align(struct req *r);
int h_element_unalign(struct req *r);
int h_api_plans(struct req *r);
int h_api_plan(struct req *r);
int h_api_plan_version(struct req *r);
int h_api_plan_elements(struct req *r);
int h_api_plan_element(struct req *r);

/* h_articulation.c */
int h_articulation(struct req *r);
int h_articulation_xlsx(struct req *r);
int h_api_articulation(struct req *r);
/* h_project.c */
int h_projects(struct req *r);
int h_projects_csv(struct req *r);
int h_projects_xlsx(struct req *r);
int h_projects_map(struct req *r);
int h_api_projects(struct req *r);
int h_api_project(struct req *r);
int h_project_new(struct req *r);
int h_project_submit(struct req *r);
int h_project(struct req *r);
int h_project_edit_form(struct req *r);
int h_project_update(struct req *r);
int h_project_transition(struct req *r);
int h_project_progress(struct req *r);
int h_project_member_add(struct req *r);
int h_project_member_remove(struct req *r);
int h_project_document_add(struct req *r);
int h_project_document(struct req *r);
int h_project_document_remove(struct req *r);
int h_project_serves_form(struct req *r);
int h_project_serve(struct req *r);
int h_project_unserve(struct req *r);
int h_finance_add(struct req *r);
int h_finance_void(struct req *r);

/* h_invest.c */
int h_invest_index(struct req *r);
int h_invest_plan_create(struct req *r);
int h_funding_create(struct req *r);
int h_funding_ceiling(struct req *r);
int h_invest_plan(struct req *r);
int h_api_invest_plan(struct req *r);
int h_invest_line_add(struct req *r);
int h_invest_line_remove(struct req *r);
int h_invest_approve(struct req *r);
int h_execution(struct req *r);
int h_api_execution(struct req *r);

/* h_pb.c, h_pb_manage.c, h_pb_act.c */
int h_pb_index(struct req *r);
int h_pb_process(struct req *r);
int h_pb_agents(struct req *r);
int h_pb_proposals(struct req *r);
int h_pb_proposal(struct req *r);
int h_pb_matrix(struct req *r);
int h_pb_results(struct req *r);
int h_pb_acta(struct req *r);
int h_pb_acta_pdf(struct req *r);
int h_pb_vigilance(struct req *r);
int h_pb_vigilance_report(struct req *r);
int h_pb_export(struct req *r);
int h_api_pb_processes(struct req *r);
int h_api_pb_process(struct req *r);
int h_api_pb_proposals(struct req *r);
int h_api_pb_agents(struct req *r);
int h_api_pb_matrix(struct req *r);
int h_api_pb_results(struct req *r);
int h_pb_new(struct req *r);
int h_pb_create(struct req *r);
int h_pb_manage(struct req *r);
int h_pb_update(struct req *r);
int h_pb_step(struct req *r);
int h_pb_step_open(struct req *r);
int h_pb_step_close(struct req *r);
int h_pb_zone_add(struct req *r);
int h_pb_zone_remove(struct req *r);
int h_pb_cap(struct req *r);
int h_pb_criteria(struct req *r);
int h_pb_committee_add(struct req *r);
int h_pb_committee_remove(struct req *r);
int h_pb_intake(struct req *r);
int h_pb_publish(struct req *r);
int h_pb_accredit(struct req *r);
int h_pb_refuse(struct req *r);
int h_pb_representative(struct req *r);
int h_pb_review(struct req *r);
int h_pb_acta_save(struct req *r);
int h_pb_acta_line(struct req *r);
int h_pb_commitment(struct req *r);
int h_pb_signatory(struct req *r);
int h_pb_formalize(struct req *r);
int h_pb_invest(struct req *r);
int h_pb_vigilance_elect(struct req *r);
int h_pb_answer(struct req *r);
int h_pb_register_form(struct req *r);
int h_pb_register(struct req *r);
int h_pb_file_form(struct req *r);
int h_pb_file(struct req *r);
int h_pb_score(struct req *r);
int h_pb_recuse(struct req *r);
int h_pb_vote_form(struct req *r);
int h_pb_ballot(struct req *r);
int h_pb_paper_form(struct req *r);
int h_pb_paper(struct req *r);
int h_pb_paper_discard(struct req *r);
int h_pb_observe(struct req *r);
/* h_indicator.c */
int h_indicators(struct req *r);
int h_indicator_new(struct req *r);
int h_indicator_create(struct req *r);
int h_indicator(struct req *r);
int h_indicator_edit(struct req *r);
int h_indicator_update(struct req *r);
int h_indicator_target(struct req *r);
int h_measurement_save(struct req *r);
int h_measurement(struct req *r);
int h_measurement_submit(struct req *r);
int h_measurement_approve(struct req *r);
int h_measurement_return(struct req *r);
int h_measurement_evidence(struct req *r);
int h_measurement_file(struct req *r);
int h_feedback_add(struct req *r);
int h_feedback_done(struct req *r);
int h_programme_create(struct req *r);
int h_programme(struct req *r);
int h_monitoring(struct req *r);
int h_report(struct req *r);
int h_report_pdf(struct req *r);
int h_report_xlsx(struct req *r);
int h_monitoring_settings(struct req *r);
int h_monitoring_settings_save(struct req *r);
int h_api_indicators(struct req *r);
int h_api_indicator(struct req *r);
int h_api_measurements(struct req *r);
int h_api_monitoring(struct req *r);
int h_api_report(struct req *r);

#endif

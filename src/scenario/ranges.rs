//! The accepted range of every model parameter and of skills and effects.

use super::*;

pub(crate) fn check_skills(c: &mut Checker, path: &str, s: &RawSkills) {
    for (name, v) in [
        ("soft", s.soft),
        ("team_dev", s.team_dev),
        ("domain", s.domain),
        ("craft", s.craft),
    ] {
        c.range(&format!("{path}.{name}"), v, 0.0, 100.0);
    }
}

/// The accepted range of every model parameter: wide enough for experiments, narrow enough that
/// no value can divide by zero or overflow (MODEL.md §13 gives the defaults).
pub const PARAM_RANGES: &[(&str, f64, f64)] = &[
    ("assimilation_a0", 0.05, 1.0),
    ("assimilation_tau", 1.0, 104.0),
    ("onboarding_multiplier", 1.0, 3.0),
    ("training_overhead", 0.0, 1.0),
    ("hire_mean_weeks_employee", 0.5, 52.0),
    ("hire_mean_weeks_contractor", 0.5, 26.0),
    ("hire_gamma_shape", 0.5, 20.0),
    ("recruiting_fee", 0.0, 2.0),
    ("contractor_rate", 0.5, 5.0),
    ("contractor_a_max", 0.1, 1.0),
    ("interview_fte", 0.0, 1.0),
    ("hazard_base", 0.0, 0.1),
    ("hazard_engagement_slope", 0.0, 0.2),
    ("hazard_no_growth", 1.0, 5.0),
    ("hazard_no_one_on_one", 1.0, 5.0),
    ("hazard_new_hire", 0.0, 1.0),
    ("hazard_layoff_survivor", 1.0, 5.0),
    ("notice_weeks", 0.0, 26.0),
    ("notice_productivity", 0.0, 1.0),
    ("departure_debt", 0.0, 20.0),
    ("comm_coeff", 0.0, 0.01),
    ("comm_large_team", 0.0, 0.1),
    ("switch_cost", 0.0, 0.5),
    ("switch_cap", 0.0, 0.9),
    ("status_cap", 0.0, 0.5),
    ("collab_cost", 0.0, 0.5),
    ("f_base", 0.1, 1.0),
    ("beyond_parallel", 0.0, 1.0),
    ("fatigue_slope", 0.0, 0.95),
    ("ops_base", 0.0, 0.5),
    ("ops_debt", 0.0, 0.5),
    ("ops_incident_weight", 0.0, 1.0),
    ("debt_drag", 0.0, 5.0),
    ("ot_response", 0.0, 2.0),
    ("ot_max", 0.0, 0.75),
    ("ot_tolerable_x", 1.0, 100.0),
    ("crunch_ot", 0.0, 0.75),
    ("sustainable_ot", 0.0, 0.5),
    ("pressure_boost", 0.0, 1.0),
    ("pressure_boost_fade_weeks", 0.5, 52.0),
    ("pressure_boost_min", 0.5, 1.0),
    ("pressure_boost_max", 1.0, 2.0),
    ("error_base", 0.0, 0.5),
    ("error_pressure", 0.0, 5.0),
    ("error_fatigue", 0.0, 5.0),
    ("error_new_hire", 0.0, 5.0),
    ("error_debt", 0.0, 10.0),
    ("error_quality", 0.0, 1.0),
    ("latent_defect_debt", 0.0, 1.0),
    ("detect_base", 0.0, 1.0),
    ("detect_quality", 0.0, 1.0),
    ("detect_safety", 0.0, 1.0),
    ("detect_honesty", 0.0, 1.0),
    ("escaped_drain", 0.0, 1.0),
    ("incident_per_escaped", 0.0, 2.0),
    ("incident_per_debt", 0.0, 0.1),
    ("debt_shortcut_gain", 0.0, 20.0),
    ("debt_paydown_gain", 0.0, 20.0),
    ("debt_entropy", 0.0, 5.0),
    ("idea_prior", 0.0, 1.0),
    ("idea_prior_informed", 0.0, 1.0),
    ("experiment_cost", 0.05, 10.0),
    ("discovery_confident", 0.5, 1.0),
    ("kill_threshold", 0.0, 0.5),
    ("max_experiments", 1.0, 10.0),
    ("points_per_idea", 0.5, 50.0),
    ("magnitude_sigma", 0.0, 2.0),
    ("adoption_tau", 0.5, 52.0),
    ("value_fit_drift", 0.0, 5.0),
    ("word_of_mouth", 0.0, 10.0),
    ("dashboard_noise", 0.0, 1.0),
    ("late_decay_weeks", 1.0, 52.0),
    ("ship_quality_per_escaped", 0.0, 1.0),
    ("engagement_tau", 1.0, 104.0),
    ("ps_tau_up", 1.0, 104.0),
    ("ps_tau_down", 1.0, 104.0),
    ("tl_tau_up", 1.0, 104.0),
    ("tl_tau_down", 1.0, 104.0),
    ("exhaustion_gain", 0.0, 100.0),
    ("recovery_base", 0.0, 20.0),
    ("chronic_gain", 0.0, 1.0),
    ("chronic_tau", 1.0, 104.0),
    ("skill_use_rate", 0.0, 0.05),
    ("vest_tau", 1.0, 52.0),
    ("mentoring_gain", 0.0, 50.0),
    ("training_gain", 0.0, 50.0),
    ("vacation_relief", 0.0, 100.0),
    ("demand_rate", 0.0, 5.0),
    ("trust_tau_up", 1.0, 104.0),
    ("trust_tau_down", 1.0, 104.0),
    ("anxiety_tau_up", 1.0, 104.0),
    ("anxiety_tau_down", 1.0, 104.0),
    ("pressure_per_demand", 0.0, 100.0),
    ("pressure_decay", 0.0, 1.0),
    ("pc_regen", 0.0, 1.0),
    ("status_per_obligation", 0.0, 0.25),
    ("status_light", 0.0, 0.25),
    ("demand_response_weeks", 1.0, 8.0),
    ("kingman_variability", 0.0, 5.0),
    ("kingman_variability_xaas", 0.0, 5.0),
    ("congruence_effect", 0.0, 0.9),
    ("distributed_multiplier", 1.0, 10.0),
    ("collab_timebox", 1.0, 52.0),
    ("platform_effect", 0.0, 0.95),
    ("ap_per_week", 1.0, 40.0),
    ("ap_overdraft", 0.0, 10.0),
    ("leader_overdraft_exhaustion", 0.0, 50.0),
    ("quarter_weeks", 1.0, 52.0),
    ("budget_approval_weeks", 0.0, 26.0),
    ("leader_weekly_recovery", 0.0, 20.0),
    ("budget_freeze_ratio", 1.0, 2.0),
    ("load_per_obligation", 0.0, 1.0),
    ("load_per_request", 0.0, 1.0),
    ("load_per_collaboration", 0.0, 1.0),
    ("load_per_extra_person", 0.0, 1.0),
    ("load_team_size", 1.0, 50.0),
    ("load_items_per_unit", 0.5, 50.0),
    ("epilogue_weeks", 0.0, 26.0),
];

pub(crate) fn check_params(c: &mut Checker, p: &crate::model::Params) {
    let json = serde_json::to_value(p).unwrap_or_default();
    let Some(map) = json.as_object() else { return };
    for (k, v) in map {
        let x = v.as_f64().unwrap_or(f64::NAN);
        let (lo, hi) = PARAM_RANGES
            .iter()
            .find(|r| r.0 == k)
            .map_or((0.0, 1e6), |r| (r.1, r.2));
        c.range(&format!("params.{k}"), x, lo, hi);
    }
}

pub(crate) fn check_effect(c: &mut Checker, path: &str, e: &RawEffect) {
    c.range(&format!("{path}.activation"), e.activation, -0.5, 0.5);
    c.range(&format!("{path}.churn_mult"), e.churn_mult, 0.0, 3.0);
    c.range(&format!("{path}.acquisition"), e.acquisition, -1.0, 5.0);
    c.range(&format!("{path}.arpu"), e.arpu, -1.0, 5.0);
    c.range(&format!("{path}.value_fit"), e.value_fit, -50.0, 50.0);
}

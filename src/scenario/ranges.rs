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
    ("comfortable_team_size", 1.0, 50.0),
    ("load_items_per_unit", 0.5, 50.0),
    ("mentor_skill_transfer", 0.0, 1.0),
    ("mentor_vest_speedup", 1.0, 5.0),
    ("growth_event_points", 0.1, 20.0),
    ("exhaustion_load_gain", 0.0, 50.0),
    ("exhaustion_churn_gain", 0.0, 20.0),
    ("tl_one_on_ones", 0.0, 100.0),
    ("tl_defended", 0.0, 100.0),
    ("tl_credit", 0.0, 100.0),
    ("tl_responsibility", 0.0, 100.0),
    ("tl_broken_promises", 0.0, 100.0),
    ("ps_coaching", 0.0, 100.0),
    ("ps_support", 0.0, 100.0),
    ("ps_inquiry", 0.0, 100.0),
    ("ps_blame", 0.0, 100.0),
    ("ps_pressure", 0.0, 100.0),
    ("ps_layoff", 0.0, 100.0),
    ("ps_trust_in_leader", 0.0, 100.0),
    ("ps_brilliant_jerk", 0.0, 100.0),
    ("ps_per_extra_member", 0.0, 100.0),
    ("autonomy_pressure", 0.0, 1.0),
    ("autonomy_tau", 1.0, 52.0),
    ("carry_priority_churn", 0.0, 1.0),
    ("carry_blame", 0.0, 1.0),
    ("carry_layoff", 0.0, 1.0),
    ("carry_failures", 0.0, 1.0),
    ("carry_shielding", 0.0, 1.0),
    ("carry_metric_reviews", 0.0, 1.0),
    ("carry_engagement_pulse", 0.0, 1.0),
    ("vision_carry", 0.5, 1.0),
    ("vision_floor", 0.0, 1.0),
    ("e_autonomy", 0.0, 100.0),
    ("e_one_on_ones", 0.0, 100.0),
    ("e_growth", 0.0, 100.0),
    ("e_safety", 0.0, 100.0),
    ("e_vision", 0.0, 100.0),
    ("e_empowerment", 0.0, 100.0),
    ("e_exhaustion", 0.0, 100.0),
    ("e_priority_churn", 0.0, 100.0),
    ("e_status", 0.0, 100.0),
    ("e_blocked", 0.0, 100.0),
    ("e_layoff", 0.0, 100.0),
    ("hazard_blame", 1.0, 5.0),
    ("hazard_flight_risk", 1.0, 10.0),
    ("hazard_jerk_peers", 1.0, 5.0),
    ("hazard_retention_bonus", 0.0, 1.0),
    ("congruence_decay", 0.0, 1.0),
    ("collab_alignment_decay", 0.0, 1.0),
    ("st_outcomes", 0.0, 200.0),
    ("st_missed", 0.0, 200.0),
    ("st_forecasts", 0.0, 200.0),
    ("st_meetings", 0.0, 200.0),
    ("st_goals", 0.0, 200.0),
    ("st_declined", 0.0, 200.0),
    ("st_transparency", 0.0, 200.0),
    ("st_watermelon", 0.0, 200.0),
    ("st_broken_promises", 0.0, 200.0),
    ("anxiety_deadline", 0.0, 100.0),
    ("anxiety_no_visibility", 0.0, 100.0),
    ("stakeholder_alignment_decay", 0.0, 0.1),
    ("w_westrum", 0.0, 1.0),
    ("w_safety", 0.0, 1.0),
    ("w_engagement", 0.0, 1.0),
    ("w_retention", 0.0, 1.0),
    ("w_wellbeing", 0.0, 1.0),
    ("w_growth", 0.0, 1.0),
    ("w_outcomes", 0.0, 1.0),
    ("w_customers", 0.0, 1.0),
    ("w_quality", 0.0, 1.0),
    ("w_finance", 0.0, 1.0),
    ("w_trust", 0.0, 1.0),
    ("hire_skill_base", 0.0, 100.0),
    ("hire_skill_per_level", 0.0, 30.0),
    ("hire_skill_spread", 0.0, 100.0),
    ("hire_salary_base", 0.0, 100000.0),
    ("hire_salary_per_level", 0.0, 100000.0),
    ("contractor_domain_share", 0.0, 1.0),
    ("hire_exhaustion", 0.0, 100.0),
    ("hire_engagement", 0.0, 100.0),
    ("hire_trust", 0.0, 100.0),
    ("sick_exhaustion", 0.0, 100.0),
    ("sick_after_weeks", 1.0, 52.0),
    ("sick_chance", 0.0, 1.0),
    ("sick_relief_per_week", 0.0, 100.0),
    ("lead_one_on_one_skill", 0.0, 100.0),
    ("around_effect_scale", 1.0, 5.0),
    ("around_trust_loss", 0.0, 100.0),
    ("around_benevolence_loss", 0.0, 100.0),
    ("around_benevolence_half_life", 0.5, 52.0),
    ("max_open_demands", 1.0, 100.0),
    ("leader_snap_exhaustion", 0.0, 100.0),
    ("leader_snap_chance", 0.0, 1.0),
    ("leader_snap_safety_loss", 0.0, 100.0),
    ("deadline_horizon_weeks", 1.0, 52.0),
    ("mentor_capacity", 0.0, 1.0),
    ("collab_cap", 0.0, 1.0),
    ("new_hire_assimilation", 0.0, 1.0),
    ("truth_surfaces_at", 0.0, 1.0),
    ("watermelon_gap", 0.0, 1.0),
    ("platform_capability_gain", 0.0, 1.0),
    ("waterfall_per_failure", 0.0, 1.0),
    ("reliability_per_incident", 0.0, 100.0),
    ("reliability_per_debt", 0.0, 10.0),
    ("reliability_tau", 1.0, 52.0),
    ("nps_survey_noise", 0.0, 50.0),
    ("analytics_noise_cut", 0.0, 1.0),
    ("incident_load_each", 0.0, 1.0),
    ("incident_load_cap", 0.0, 1.0),
    ("incident_failure_weight", 0.0, 5.0),
    ("facilitating_weeks", 0.0, 52.0),
    ("facilitating_work_cut", 0.0, 1.0),
    ("dependency_jitter", 0.0, 2.0),
    ("carry_lane_inflow", 0.0, 1.0),
    ("collab_consumer_share", 0.0, 1.0),
    ("informed_discovery_quality", 0.0, 1.0),
    ("max_open_ideas", 0.0, 50.0),
    ("freeze_tooling_cut", 0.0, 1.0),
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
    // Each score is a weighted mean of its components: weights that do not sum to 1 would put
    // scores outside 0–100 and make runs incomparable.
    let culture = [
        p.w_westrum,
        p.w_safety,
        p.w_engagement,
        p.w_retention,
        p.w_wellbeing,
        p.w_growth,
    ];
    let product = [
        p.w_outcomes,
        p.w_customers,
        p.w_quality,
        p.w_finance,
        p.w_trust,
    ];
    for (score, names, weights) in [
        (
            "culture",
            "w_westrum, w_safety, w_engagement, w_retention, w_wellbeing, w_growth",
            &culture[..],
        ),
        (
            "product",
            "w_outcomes, w_customers, w_quality, w_finance, w_trust",
            &product[..],
        ),
    ] {
        let sum: f64 = weights.iter().sum();
        if (sum - 1.0).abs() > 1e-6 {
            c.error(
                "params",
                format!("the {score} weights ({names}) sum to {sum:.3}, not 1"),
                Some(format!(
                    "change them so they add up to 1 (the defaults: {})",
                    default_weights(score)
                )),
            );
        }
    }
}

/// The default weights of a score, as a trainer would write them.
fn default_weights(score: &str) -> String {
    let d = crate::model::Params::default();
    let pairs: Vec<(&str, f64)> = if score == "culture" {
        vec![
            ("w_westrum", d.w_westrum),
            ("w_safety", d.w_safety),
            ("w_engagement", d.w_engagement),
            ("w_retention", d.w_retention),
            ("w_wellbeing", d.w_wellbeing),
            ("w_growth", d.w_growth),
        ]
    } else {
        vec![
            ("w_outcomes", d.w_outcomes),
            ("w_customers", d.w_customers),
            ("w_quality", d.w_quality),
            ("w_finance", d.w_finance),
            ("w_trust", d.w_trust),
        ]
    };
    pairs
        .iter()
        .map(|(n, v)| format!("{n}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn check_effect(c: &mut Checker, path: &str, e: &RawEffect) {
    c.range(&format!("{path}.activation"), e.activation, -0.5, 0.5);
    c.range(&format!("{path}.churn_mult"), e.churn_mult, 0.0, 3.0);
    c.range(&format!("{path}.acquisition"), e.acquisition, -1.0, 5.0);
    c.range(&format!("{path}.arpu"), e.arpu, -1.0, 5.0);
    c.range(&format!("{path}.value_fit"), e.value_fit, -50.0, 50.0);
}

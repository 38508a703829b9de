//! Every tunable number of the model (MODEL.md §13 with the §17 resolutions), with provenance.
//!
//! Provenance in each doc line: **[S]** published value, **[D]** derived from a source, **[G]**
//! game-design default calibrated against the validation anchors (MODEL.md §12).
//!
//! # Calibration log (changes from MODEL.md, and why)
//! - `ops_incident_weight` 0.5 and the incident rate follow §17.2 (`Poisson(0.15·escaped +
//!   0.002·D̄)`), replacing §4.1's draft rate.
//! - `debt_drag` is 0.7, below §17.4's 0.8 and §4.4's 1.24: the ops share and the extra rework
//!   (ε grows with debt) also slow delivery in debt-heavy code. With 0.8 the A9 delivery-time
//!   ratio (D = 90 vs. 10) measured 2.31, outside 2.0 ± 0.3; with 0.7 it lands inside.
//! - `recovery_base` follows §17.4's continuous recovery (no cliff at 44 h).
//! - `debt_shortcut_gain` 3 and `debt_paydown_gain` 4 follow §17.4 so debt matters at quarter scale.
//! - `pressure_boost_fade_weeks` 4 (§17.4): the sprint boost of pressure fades while it lasts.
//! - `training_gain` 6·(1 − s/100) and `mentoring_gain` 8 (§17.4) so neither dominates.
//!
//! Any later change to a [G] value must be recorded here with the anchor that motivated it.

use serde::{Deserialize, Serialize};

/// The default value of every parameter (the table in `docs/model.md` lists them with ranges).
mod defaults;

/// All model parameters. A scenario's `params: (...)` overrides any subset by name.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    // ---- Staffing (§4.3) ----
    /// [D] New-hire initial assimilation a₀ (DeMarco "useless on day one"; Abdel-Hamid 35–50 % less productive).
    pub assimilation_a0: f64,
    /// [D] Assimilation time constant, weeks (Mellon: ~20 weeks to full; medium codebase).
    pub assimilation_tau: f64,
    /// [G] Onboarding multiplier on assimilation speed with structured onboarding.
    pub onboarding_multiplier: f64,
    /// [S] Training overhead per unassimilated new hire, FTE (Madachy 25 %).
    pub training_overhead: f64,
    /// [D] Mean time to fill an employee requisition, weeks.
    pub hire_mean_weeks_employee: f64,
    /// [G] Mean time to bring in contractors, weeks.
    pub hire_mean_weeks_contractor: f64,
    /// [G] Gamma shape of the time to fill.
    pub hire_gamma_shape: f64,
    /// [G] Recruiting fee as a share of annual salary, paid at fill.
    pub recruiting_fee: f64,
    /// [G] Contractor rate as a multiple of an employee's salary.
    pub contractor_rate: f64,
    /// [G] Contractor assimilation ceiling.
    pub contractor_a_max: f64,
    /// [G] Interview load while a requisition is open: share of one team member's week.
    pub interview_fte: f64,
    /// [D] Baseline hazard per week: −ln(1 − 0.132)/52 (LinkedIn 13.2 %/yr software turnover).
    pub hazard_base: f64,
    /// [G] Engagement slope of the hazard per engagement point (20-pt gap ≈ 40 % lower turnover).
    pub hazard_engagement_slope: f64,
    /// [G] Hazard multiplier after `hazard_growth_window` weeks without growth ("lack of opportunity", LinkedIn).
    pub hazard_no_growth: f64,
    /// [S/G] Hazard multiplier after `hazard_one_on_one_window` weeks without a 1:1 (at least monthly, Flinchum).
    pub hazard_no_one_on_one: f64,
    /// [D] Hazard multiplier for tenure below `hazard_new_hire_weeks` (Abdel-Hamid: new hires rarely quit early).
    pub hazard_new_hire: f64,
    /// [G] Hazard multiplier for layoff survivors (survivor syndrome).
    pub hazard_layoff_survivor: f64,
    /// [G] Resignation notice period, weeks.
    pub notice_weeks: u32,
    /// [G] Productivity while on notice.
    pub notice_productivity: f64,
    /// [G] Tech-debt points added when a person who owned components leaves.
    pub departure_debt: f64,

    // ---- Capacity (§4.4) ----
    /// [S] Communication overhead coefficient: 0.06·n² % (Madachy).
    pub comm_coeff: f64,
    /// [G] Extra communication cost per squared person above `comfortable_team_size` (§17.4's term). Off by default since model version 3: with 0.01 a team of 18 ran at the overhead cap, so 16 people delivered almost three times what 20 did — a cliff the literature does not show. Madachy's 0.06·n² alone peaks output near two dozen people (issue 12); large-team strain stays in cognitive load and safety.
    pub comm_large_team: f64,
    /// [D] Context-switch cost per active item beyond wip_ok (Weinberg 20 %, empirical 17 %).
    pub switch_cost: f64,
    /// [D] Cap on context-switch loss.
    pub switch_cap: f64,
    /// [G] Cap on status-reporting overhead.
    pub status_cap: f64,
    /// [G] Collaboration-mode cost per relation (Team Topologies: collaboration is expensive).
    pub collab_cost: f64,
    /// [G] Share of time left for project work after org-wide meetings and admin (multiplies raw capacity).
    pub f_base: f64,
    /// [G] Productivity of people beyond an item's max_parallel (Brooks partitioning).
    pub beyond_parallel: f64,
    /// [G] Fatigue slope: fatigue = 1 − slope·X/100 (calibrated to A6).
    pub fatigue_slope: f64,
    /// [D] Ops share at zero debt (Stripe/Besker maintenance time).
    pub ops_base: f64,
    /// [D] Ops share per unit debt D/100.
    pub ops_debt: f64,
    /// [G] Ops share per unit incident load.
    pub ops_incident_weight: f64,
    /// [S/D] Debt drag: v_D = 1/(1 + debt_drag·D/100) (Tornhill & Borg +124 %; §17.4 uses 0.8).
    pub debt_drag: f64,

    // ---- Pressure & overtime (§4.5, §17.4) ----
    /// [G] Overtime response per unit of schedule pressure.
    pub ot_response: f64,
    /// [G] Maximum voluntary overtime fraction (60 h/week).
    pub ot_max: f64,
    /// [G] Tolerable exhaustion: voluntary overtime collapses towards it.
    pub ot_tolerable_x: f64,
    /// [G] Crunch overtime (mandated, 60 h).
    pub crunch_ot: f64,
    /// [G] Overtime cap under "sustainable pace".
    pub sustainable_ot: f64,
    /// [G] Pressure boost slope g(SP) = 1 + slope·SP·e^(−weeks/fade).
    pub pressure_boost: f64,
    /// [G] Weeks over which the pressure boost fades (§17.4).
    pub pressure_boost_fade_weeks: f64,
    /// [G] Lower clamp of g(SP) (Parkinson slack).
    pub pressure_boost_min: f64,
    /// [G] Upper clamp of g(SP).
    pub pressure_boost_max: f64,

    // ---- Quality (§4.6, §17.2) ----
    /// [G] Base error fraction ε₀.
    pub error_base: f64,
    /// [G] Error multiplier per unit schedule pressure.
    pub error_pressure: f64,
    /// [G] Error multiplier per unit of mean exhaustion.
    pub error_fatigue: f64,
    /// [G] Error multiplier per unit share of unassimilated staff.
    pub error_new_hire: f64,
    /// [G] Error multiplier per unit debt (Tornhill: 15× defects in low-quality code).
    pub error_debt: f64,
    /// [G] Error reduction per unit quality practice Q.
    pub error_quality: f64,
    /// [G] Share of errors in debt-heavy code (per unit D/100) that no test finds before
    /// production: they count as done but escape at ship (Tornhill & Borg: 15× more defects in
    /// low-quality code). Added so A9's escaped-defects-per-point ratio holds (it measured 1.03
    /// with detection alone, because slow teams have more weeks to find their errors).
    pub latent_defect_debt: f64,
    /// [G] Detection base rate per week.
    pub detect_base: f64,
    /// [G] Detection per unit Q.
    pub detect_quality: f64,
    /// [G] Detection per unit PS/100 (Edmondson: safety → error reporting). §17.1: 0.2·PS/100.
    pub detect_safety: f64,
    /// [G] Detection per unit status honesty h.
    pub detect_honesty: f64,
    /// [G] Share of escaped defects that drains each week (§17.2).
    pub escaped_drain: f64,
    /// [G] Incident rate per escaped point (§17.2).
    pub incident_per_escaped: f64,
    /// [G] Incident rate per debt point (§17.2).
    pub incident_per_debt: f64,
    /// [G] Debt accrual gain on shortcuts (§17.4).
    pub debt_shortcut_gain: f64,
    /// [G] Debt paydown gain per debt point of work (§17.4).
    pub debt_paydown_gain: f64,
    /// [G] Debt entropy per week.
    pub debt_entropy: f64,

    // ---- Discovery (§4.7, §17.2) ----
    /// [S] Prior P(hit) for unvalidated ideas (Kohavi ~⅓).
    pub idea_prior: f64,
    /// [G] Prior for ideas from teams whose discovery quality reaches `informed_discovery_quality`.
    pub idea_prior_informed: f64,
    /// [G] Experiment cost in discovery points.
    pub experiment_cost: f64,
    /// [G] Belief at which an item moves to delivery.
    pub discovery_confident: f64,
    /// [G] Belief below which an idea is killed.
    pub kill_threshold: f64,
    /// [G] Experiments after which an item moves to delivery regardless.
    pub max_experiments: u32,
    /// [G] Discovery points that make one unit of idea work: a new idea costs half of this, and unspent discovery carries over up to twice this.
    pub points_per_idea: f64,
    /// [G] Effect magnitude log-sd of hits.
    pub magnitude_sigma: f64,

    // ---- Market (§4.8) ----
    /// [G] Adoption time constant, weeks.
    pub adoption_tau: f64,
    /// [G] Value-fit drift per week (competitors, rising expectations).
    pub value_fit_drift: f64,
    /// [G] Word-of-mouth gain above PMF 0.25.
    pub word_of_mouth: f64,
    /// [G] Dashboard noise σ₀ as a relative error.
    pub dashboard_noise: f64,
    /// [G] Late-delivery decay, weeks (§17.2 decay_j default 8).
    pub late_decay_weeks: f64,
    /// [G] Quality discount per escaped point of a shipped item.
    pub ship_quality_per_escaped: f64,

    // ---- People (§4.9, §17.2, §17.4) ----
    /// [G] Engagement time constant, weeks.
    pub engagement_tau: f64,
    /// [G] Psych-safety time constant while it rises, weeks (safety is built slowly).
    pub ps_tau_up: f64,
    /// [G] Psych-safety time constant while it falls, weeks (one blame moment undoes months).
    pub ps_tau_down: f64,
    /// [G] Trust-in-leader time constant while it rises, weeks.
    pub tl_tau_up: f64,
    /// [G] Trust-in-leader time constant while it falls, weeks (trust is lost faster than won).
    pub tl_tau_down: f64,
    /// [G] Exhaustion gain per unit overwork.
    pub exhaustion_gain: f64,
    /// [G] Continuous recovery base (§17.4): rec = 1 + (base + 0.1·X)·clamp(1 − overwork/0.15).
    pub recovery_base: f64,
    /// [G] Chronic burnout gain per X point above 50, per week (§17.4).
    pub chronic_gain: f64,
    /// [G] Chronic burnout time constant, weeks.
    pub chronic_tau: f64,
    /// [G] Skill learning-by-doing rate.
    pub skill_use_rate: f64,
    /// [G] Vesting time constant for pending growth, weeks.
    pub vest_tau: f64,
    /// [G] Mentoring pending gain (§17.4: 8).
    pub mentoring_gain: f64,
    /// [G] Training pending gain at skill 0 (§17.4: 6·(1 − s/100)).
    pub training_gain: f64,
    /// [G] Recovery week exhaustion relief.
    pub vacation_relief: f64,

    // ---- Stakeholders (§4.10, §7) ----
    /// [G] Demand base rate per stakeholder-week.
    pub demand_rate: f64,
    /// [G] Stakeholder trust time constant while it rises, weeks.
    pub trust_tau_up: f64,
    /// [G] Stakeholder trust time constant while it falls, weeks (broken promises cost fast).
    pub trust_tau_down: f64,
    /// [G] Stakeholder anxiety time constant while it rises, weeks (§17.2).
    pub anxiety_tau_up: f64,
    /// [G] Stakeholder anxiety time constant while it calms, weeks.
    pub anxiety_tau_down: f64,
    /// [G] Unshielded pressure per unit intensity.
    pub pressure_per_demand: f64,
    /// [G] Weekly decay of pressure exposure.
    pub pressure_decay: f64,
    /// [G] Political capital regeneration rate toward power-weighted trust.
    pub pc_regen: f64,
    /// [G] Status overhead per reporting obligation (§17.1: 0.05–0.08).
    pub status_per_obligation: f64,
    /// [G] Status overhead of the light (reframed) reporting alternative.
    pub status_light: f64,
    /// [G] Weeks before a demand goes around the leader (2 planning phases).
    pub demand_response_weeks: u32,

    // ---- Dependencies (§8, §17.4) ----
    /// [S] Kingman variability (c_a² + c_s²)/2 for ad-hoc service.
    pub kingman_variability: f64,
    /// [S] Kingman variability for X-as-a-Service (c_s² = 0.5).
    pub kingman_variability_xaas: f64,
    /// [S] Socio-technical congruence effect at κ = 1 (Cataldo −32 %).
    pub congruence_effect: f64,
    /// [S] Distributed multiplier (Herbsleb & Mockus 2.5×).
    pub distributed_multiplier: f64,
    /// [G] Collaboration time-box, weeks.
    pub collab_timebox: f64,
    /// [G] Platform self-service effect on dependency work: w·(1 − 0.7·M_p).
    pub platform_effect: f64,

    // ---- Leader & budget ----
    /// [G] Attention points per week.
    pub ap_per_week: f64,
    /// [G] Maximum overdraft.
    pub ap_overdraft: f64,
    /// [G] Leader exhaustion per AP overdrawn.
    pub leader_overdraft_exhaustion: f64,
    /// [G] Weeks per budget quarter.
    pub quarter_weeks: u32,
    /// [G] Weeks until approved budget arrives (§17.4).
    pub budget_approval_weeks: u32,

    /// [G] Leader exhaustion recovered in a week without overdraft.
    pub leader_weekly_recovery: f64,
    /// [G] The budget rule: spend above this multiple of the allowance to date freezes hiring
    /// and discretionary spend; commitments may use up to this multiple of the quarter (§4.11).
    pub budget_freeze_ratio: f64,

    // ---- Cognitive load (§4.4, Team Topologies) ----
    /// [G] Cognitive load per status obligation the team owes.
    pub load_per_obligation: f64,
    /// [G] Cognitive load per request waiting in the team's service lane.
    pub load_per_request: f64,
    /// [G] Cognitive load per collaboration-mode relation.
    pub load_per_collaboration: f64,
    /// [G] Cognitive load per person beyond `comfortable_team_size`.
    pub load_per_extra_person: f64,
    /// [D] Team size up to which headcount adds no load (two-pizza team, Dunbar's inner circle).
    pub comfortable_team_size: f64,
    /// [G] Open initiatives that make one unit of load (a team at its limit).
    pub load_items_per_unit: f64,

    // ---- Growth (§4.9) (moved out of the systems) ----
    /// [G] Pending craft and domain skill a mentee gains per week: this × mentor skill/100 × the mentee's room to grow (1 − s/100).
    pub mentor_skill_transfer: f64,
    /// [G] How much faster pending growth vests while a person has a mentor.
    pub mentor_vest_speedup: f64,
    /// [G] Weight of the soft skill of the team's PMs and EMs in a reframe's odds (around 50,
    /// beside the leader's own soft skill at weight 2): negotiation is done by the people who
    /// know the work, not by the leader alone.
    pub reframe_team_soft_weight: f64,
    /// [G] How much the soft skill of the team's PMs and EMs scales what stakeholders take from
    /// a demo or a disclosed slip (× `1 + this·(soft − 50)/50`): stakeholder communication.
    pub soft_communication_gain: f64,
    /// [G] How much the soft skill of the team's PMs and EMs cuts the capacity a collaboration
    /// costs the team (× `1 − this·(soft − 50)/50`).
    pub soft_collaboration_gain: f64,
    /// [G] Pending skill points a week each member gains in the pillar their work uses most
    /// from a coach at team-development skill 100 (before their room to grow), with nothing at
    /// or below `coaching_floor`: team development is growing others [R32: small effects].
    pub coaching_growth: f64,
    /// [G] Share of a leader's 1:1 growth a lead's 1:1 gives (leads hold them every 2 weeks,
    /// the leader about monthly).
    pub lead_one_on_one_growth_share: f64,
    /// [G] How much the domain skill of a team's product people (PMs, analysts, designers)
    /// scales the effects of what it ships (× `1 + this·(domain − 50)/50`): people who know
    /// the users build what fits them (value fit).
    pub domain_fit_gain: f64,
    /// [G] How much the soft skill of the team's PMs and EMs cuts the political capital a
    /// shield costs (× `1 − this·(soft − 50)/50`): a no that is well explained costs less.
    pub soft_shield_gain: f64,
    /// [G] Team-development skill of the coach below which coaching grows nobody.
    pub coaching_floor: f64,
    /// [G] How much the coach's team-development skill speeds new hires' ramp-up (the
    /// assimilation time constant ÷ `1 + this·(td − 50)/50`), Brooks's assimilation. The
    /// teams' `assimilation_tau` is the ramp-up under an average coach (50), which is also
    /// what a team without an EM has; A17 is measured there.
    pub coaching_ramp_gain: f64,
    /// [G] Skill points vested since the last one that count as "grew" (resets the no-growth clock of the hazard).
    pub growth_event_points: f64,

    // ---- Exhaustion (§4.9) (moved out of the systems) ----
    /// [G] Weekly exhaustion per unit of cognitive load above 1.
    pub exhaustion_load_gain: f64,
    /// [G] Weekly exhaustion per priority-churn event (capped at 3, weighted 0.25 each).
    pub exhaustion_churn_gain: f64,

    // ---- Temperament: how people react (issue 13, "people, not rows") ----
    /// [G] Multiplier on the overtime that tires someone who takes crunch well
    /// (`CrunchResilient`): their hours above 40 count this much.
    pub trait_crunch_resilient: f64,
    /// [G] The same for someone worn down by crunch (`CrunchSensitive`).
    pub trait_crunch_sensitive: f64,
    /// [G] Multiplier on what 1:1s and shared credit do to the engagement and trust of someone
    /// motivated from within (`SelfMotivated`).
    pub trait_self_motivated: f64,
    /// [G] The same for someone to whom recognition matters a lot (`SeeksRecognition`).
    pub trait_seeks_recognition: f64,
    /// [G] Multiplier on what priority churn does to the engagement and exhaustion of someone
    /// who enjoys change (`LovesChange`).
    pub trait_loves_change: f64,
    /// [G] The same for someone who needs stability (`NeedsStability`).
    pub trait_needs_stability: f64,
    /// [G] When a scenario leaves an axis unwritten for a person, the seed draws it: each
    /// pole with this chance, otherwise neutral (1); the poles are set so that the average
    /// person reacts about as before (0.2 × 0.7 + 0.6 + 0.2 × 1.4 ≈ 1). Default 0 (only
    /// written traits act): at 0.2 for every shipped scenario, three lever rows of
    /// `tests/levers.rs` fell below their thresholds (mentoring soft vs craft → trust +0.15,
    /// mentoring craft vs team development → product +0.17, connecting every dependent pair
    /// → product +0.29 of +0.3), and the model is not yet recalibrated for a drawn population.
    /// A scenario may set it (0.2 gives about two people in five a marked reaction).
    pub trait_drawn_share: f64,

    // ---- Trust in the leader (§17.2) (moved out of the systems) ----
    /// [G] Trust-in-leader target points for recent 1:1s and recognition (0–1).
    pub tl_one_on_ones: f64,
    /// [G] Trust-in-leader target points for being defended from demands over 8 weeks (−1…1).
    pub tl_defended: f64,
    /// [G] Trust-in-leader target points for credit shared (or taken) over 8 weeks (−1…1).
    pub tl_credit: f64,
    /// [G] Trust-in-leader target points for the leader taking responsibility for failures over 8 weeks (0–1).
    pub tl_responsibility: f64,
    /// [G] Trust-in-leader target points for broken promises over 8 weeks (0–1), a loss.
    pub tl_broken_promises: f64,

    // ---- Psychological safety (§17.2) (moved out of the systems) ----
    /// [G] Safety target points for coaching: share of members with a 1:1 in 4 weeks × the coach's team-development skill.
    pub ps_coaching: f64,
    /// [G] Safety target points for context support (quality practice and shielding, 0–1).
    pub ps_support: f64,
    /// [G] Safety target points for failures met with inquiry (0–1).
    pub ps_inquiry: f64,
    /// [G] Safety target points for recent blame (0–1), a loss.
    pub ps_blame: f64,
    /// [G] Safety target points for unshielded stakeholder pressure (0–1), a loss.
    pub ps_pressure: f64,
    /// [G] Safety target points for recent layoffs (0–1), a loss.
    pub ps_layoff: f64,
    /// [G] Safety target points for mean trust in the leader relative to 50 (−1…1).
    pub ps_trust_in_leader: f64,
    /// [G] Safety target points for a brilliant jerk on the team, a loss.
    pub ps_brilliant_jerk: f64,
    /// [G] Safety target points for each member beyond `comfortable_team_size`, a loss.
    pub ps_per_extra_member: f64,
    /// [G] Autonomy target lost at full stakeholder pressure (A* = 1 − imposed share − this·P/100).
    pub autonomy_pressure: f64,
    /// [G] Autonomy smoothing time constant, weeks.
    pub autonomy_tau: f64,

    // ---- Memory of recent events (moved out of the systems) ----
    /// [G] Share of recent priority-churn events remembered the next week.
    pub carry_priority_churn: f64,
    /// [G] Share of recent blame remembered the next week.
    pub carry_blame: f64,
    /// [G] Share of recent layoff shock remembered the next week.
    pub carry_layoff: f64,
    /// [G] Share of recent failures, the inquiries and the responsibility taken after them remembered the next week.
    pub carry_failures: f64,
    /// [G] Share of recent demands shielded and exposed remembered the next week.
    pub carry_shielding: f64,
    /// [G] Share of recent metric reviews remembered the next week.
    pub carry_metric_reviews: f64,
    /// [G] Share of recent engagement pulses (credit, mentoring, retention fairness) remembered the next week.
    pub carry_engagement_pulse: f64,
    /// [G] Share of vision clarity kept each week after a session (§6.2: fades 2 %/week).
    pub vision_carry: f64,
    /// [G] Vision clarity it never fades below.
    pub vision_floor: f64,

    // ---- Engagement (§4.9) (moved out of the systems) ----
    /// [G] Engagement target points for autonomy relative to 0.5 (−1…1).
    pub e_autonomy: f64,
    /// [G] Engagement target points for recent 1:1s and recognition (0–1).
    pub e_one_on_ones: f64,
    /// [G] Engagement target points for growth over 8 weeks (0–1).
    pub e_growth: f64,
    /// [G] Engagement target points for psychological safety relative to 50 (−1…1).
    pub e_safety: f64,
    /// [G] Engagement target points for vision clarity relative to 0.5 (−1…1).
    pub e_vision: f64,
    /// [G] Engagement target points for empowerment (0–1).
    pub e_empowerment: f64,
    /// [G] Engagement target points for exhaustion above 40 (0 at 40, 1 at 100), a loss.
    pub e_exhaustion: f64,
    /// [G] Engagement target points for priority churn (0–1), a loss.
    pub e_priority_churn: f64,
    /// [G] Engagement target points for status-reporting overhead per 15 % of capacity, a loss.
    pub e_status: f64,
    /// [G] Engagement target points for share of work blocked on dependencies, a loss.
    pub e_blocked: f64,
    /// [G] Engagement target points lost when all of a team's delivery capacity sits idle for want of ready work (bore-out: people disengage without meaningful work). Scales with the idle share.
    pub e_idle: f64,
    /// [G] Engagement target points for recent layoffs (0–1), a loss.
    pub e_layoff: f64,

    // ---- Staffing (§4.3) (moved out of the systems) ----
    /// [G] Hazard multiplier on a team with recent blame above 0.3.
    pub hazard_blame: f64,
    /// [G] Hazard multiplier for a latent flight risk.
    pub hazard_flight_risk: f64,
    /// [G] Hazard multiplier for the peers of a brilliant jerk (§11 scenario 7).
    pub hazard_jerk_peers: f64,
    /// [G] Hazard multiplier while a retention bonus runs.
    pub hazard_retention_bonus: f64,
    /// [G] Hazard multiplier for the weeks after a stay interview: asked what would keep them
    /// and heard, people stay longer (stay interviews are a retention practice; the size is a
    /// design default, smaller than a raise's).
    pub hazard_stay_interview: f64,
    /// [G] Weeks a stay interview keeps its effect on the hazard.
    pub stay_interview_weeks: f64,

    // ---- Culture (§9.1) (moved out of the systems) ----
    /// [G] Weekly loss of congruence between two teams once the leader stops connecting them (§6.5).
    pub congruence_decay: f64,
    /// [G] Weekly loss of alignment of a collaboration kept past its timebox.
    pub collab_alignment_decay: f64,

    // ---- Stakeholders (§4.10, §17.2) (moved out of the systems) ----
    /// [G] Stakeholder trust target points, ability: objectives attained (0–1).
    pub st_outcomes: f64,
    /// [G] Stakeholder trust target points, ability: each missed commitment in 8 weeks, a loss.
    pub st_missed: f64,
    /// [G] Stakeholder trust target points, ability: each forecast that came true (up to 3).
    pub st_forecasts: f64,
    /// [G] Stakeholder trust target points, benevolence: each meeting in 4 weeks (up to 3).
    pub st_meetings: f64,
    /// [G] Stakeholder trust target points, benevolence: their goals addressed (0–1).
    pub st_goals: f64,
    /// [G] Stakeholder trust target points, benevolence: each demand declined without an alternative in 8 weeks, a loss.
    pub st_declined: f64,
    /// [G] Benevolence a sponsor loses when the initiative they sponsor is stopped (a pulse
    /// with a 26-week half-life: it is remembered): their interests were overridden, whatever the date.
    pub kill_sponsor_benevolence: f64,
    /// [G] Ability target points lost when nothing has shipped for twice the grace below
    /// (Mayer et al.: ability is judged by results delivered); linear from the grace on.
    pub st_no_delivery: f64,
    /// [G] Weeks without a ship (from the start or the last ship) before stakeholders start
    /// to doubt what the teams deliver.
    pub no_delivery_grace_weeks: f64,
    /// [G] Stakeholder trust target points, integrity: demos and disclosures in 4 weeks (0–1).
    pub st_transparency: f64,
    /// [G] Stakeholder trust target points, integrity: each watermelon reveal in 8 weeks, a loss.
    pub st_watermelon: f64,
    /// [G] Stakeholder trust target points, integrity: each broken promise in 8 weeks, a loss.
    pub st_broken_promises: f64,
    /// [G] Anxiety target points when a committed date is at hand (scaled by how near).
    pub anxiety_deadline: f64,
    /// [G] Anxiety target points after 4 weeks with no demo or disclosure.
    pub anxiety_no_visibility: f64,
    /// [G] Weekly loss of a stakeholder's alignment with the teams' direction.
    pub stakeholder_alignment_decay: f64,

    // ---- Score weights (§9; each score's weights sum to 1) ----
    /// [G] Weight of culture: information flow (Westrum).
    pub w_westrum: f64,
    /// [G] Weight of culture: psychological safety.
    pub w_safety: f64,
    /// [G] Weight of culture: engagement.
    pub w_engagement: f64,
    /// [G] Weight of culture: retention.
    pub w_retention: f64,
    /// [G] Weight of culture: wellbeing.
    pub w_wellbeing: f64,
    /// [G] Weight of culture: skill growth.
    pub w_growth: f64,
    /// [G] Weight of product: outcomes against the objectives.
    pub w_outcomes: f64,
    /// [G] Weight of product: customers (PMF and NPS).
    pub w_customers: f64,
    /// [G] Weight of product: quality.
    pub w_quality: f64,
    /// [G] Weight of product: finance.
    pub w_finance: f64,
    /// [G] Weight of product: stakeholder trust.
    pub w_trust: f64,

    // ---- Scoring against a reference (§17.5) ----
    // Each component is scored as `50 + 50·d/(|d| + scale)`. For culture, `d` is the raw
    // component minus the caretaker's on the same streams in the same week (people are judged
    // by how they fared next to a caretaker in the same situation); for product, minus the
    // component at week 0 (outcomes: minus each objective's baseline), so a product is judged
    // by whether it got better and shipping nothing cannot look fine next to a caretaker who
    // ships nothing either. A component `scale` raw points better scores 75; no difference
    // reaches 0 or 100. A scale is the raw difference a workshop would call large.
    /// [G] Raw Westrum points (0–100) that score 75 against the caretaker.
    pub score_scale_westrum: f64,
    /// [G] Raw psychological-safety points that score 75 against the caretaker.
    pub score_scale_safety: f64,
    /// [G] Raw engagement points that score 75 against the caretaker.
    pub score_scale_engagement: f64,
    /// [G] Raw retention points (100 per 26 % annual turnover avoided) that score 75.
    pub score_scale_retention: f64,
    /// [G] Raw wellbeing points (100 − mean exhaustion − 30·share burnt out) that score 75.
    pub score_scale_wellbeing: f64,
    /// [G] Raw growth points (10 per skill point vested per person and year) that score 75.
    pub score_scale_growth: f64,
    /// [G] Raw outcome points (100 per objective fully attained) that score 75.
    pub score_scale_outcomes: f64,
    /// [G] Raw customer points (PMF and NPS) that score 75.
    pub score_scale_customers: f64,
    /// [G] Raw quality points (reliability, debt, escaped defects) that score 75.
    pub score_scale_quality: f64,
    /// [G] Raw finance points (revenue against plan, spend against allowance) that score 75.
    pub score_scale_finance: f64,
    /// [G] Raw stakeholder-trust points that score 75.
    pub score_scale_trust: f64,

    // ---- Hiring and leave (§4.3) (moved out of the systems) ----
    /// [G] A new hire's expected skill on every pillar at level 0.
    pub hire_skill_base: f64,
    /// [G] Expected skill added per level of the requisition.
    pub hire_skill_per_level: f64,
    /// [G] Spread of candidate skill: ± half of this around the expectation (Beta(4, 4) quality).
    pub hire_skill_spread: f64,
    /// [G] Weekly salary of a level-0 hire, $.
    pub hire_salary_base: f64,
    /// [G] Weekly salary added per level, $.
    pub hire_salary_per_level: f64,
    /// [G] A contractor's domain skill as a share of their other skills (they do not know the business).
    pub contractor_domain_share: f64,
    /// [G] A new hire's exhaustion on arrival.
    pub hire_exhaustion: f64,
    /// [G] A new hire's engagement on arrival (honeymoon).
    pub hire_engagement: f64,
    /// [G] A new hire's trust in the leader on arrival.
    pub hire_trust: f64,
    /// [G] Exhaustion above which a person may fall sick.
    pub sick_exhaustion: f64,
    /// [G] Weeks in a row above `sick_exhaustion` before sick leave can start.
    pub sick_after_weeks: u32,
    /// [G] Weekly chance of sick leave once exhausted that long.
    pub sick_chance: f64,
    /// [G] Exhaustion shed per week of sick leave.
    pub sick_relief_per_week: f64,
    /// [G] Team-development skill at which an engineering manager runs effective 1:1s for their team (§4.9).
    pub lead_one_on_one_skill: f64,

    // ---- Demands and the leader (§7, §4.9) (moved out of the systems) ----
    /// [G] How much harder an unanswered demand lands when it goes around the leader (§7.2).
    pub around_effect_scale: f64,
    /// [G] Trust in the leader each member of the team loses when a demand goes around them.
    pub around_trust_loss: f64,
    /// [G] Benevolence the stakeholder loses towards the leader when their demand goes unanswered.
    pub around_benevolence_loss: f64,
    /// [G] Half-life of that loss, weeks.
    pub around_benevolence_half_life: f64,
    /// [G] Open demands at most; new ones wait until some are answered.
    pub max_open_demands: u32,
    /// [G] Leader exhaustion above which the leader may snap at a team (§4.9).
    pub leader_snap_exhaustion: f64,
    /// [G] Weekly chance of snapping once that exhausted.
    pub leader_snap_chance: f64,
    /// [G] Psychological safety the team under most pressure loses when the leader snaps.
    pub leader_snap_safety_loss: f64,
    /// [G] Weeks before a committed date at which stakeholders start to feel it (demand rate, anxiety).
    pub deadline_horizon_weeks: f64,

    // ---- Delivery, quality and the market (§4.4–§4.8) (moved out of the systems) ----
    /// [G] Share of a mentor's own capacity left while they mentor.
    pub mentor_capacity: f64,
    /// [G] Most of a team's capacity collaboration can take.
    pub collab_cap: f64,
    /// [G] Assimilation below which a person counts as new in the error rate.
    pub new_hire_assimilation: f64,
    /// [G] True progress at which status reports can no longer hide a slip (§4.6).
    pub truth_surfaces_at: f64,
    /// [G] Gap between reported and true progress that makes a reveal a watermelon (§17.4).
    pub watermelon_gap: f64,
    /// [G] Platform maturity added by each shipped platform capability (§8.3).
    pub platform_capability_gain: f64,
    /// [G] Waterfall appetite a stakeholder gains per missed date or watermelon.
    pub waterfall_per_failure: f64,
    /// [G] Reliability points lost per incident in the last 4 weeks.
    pub reliability_per_incident: f64,
    /// [G] Reliability points lost per point of mean technical debt.
    pub reliability_per_debt: f64,
    /// [G] Reliability smoothing time constant, weeks.
    pub reliability_tau: f64,
    /// [G] Standard deviation of the NPS survey's noise, points.
    pub nps_survey_noise: f64,
    /// [D] Share of dashboard noise full analytics removes (σ = σ₀(1 − this·M_a)).
    pub analytics_noise_cut: f64,
    /// [G] Incident load each incident on its product puts on a team (the ops share rises by this × `ops_incident_weight`).
    pub incident_load_each: f64,
    /// [G] Most incident load a team can carry.
    pub incident_load_cap: f64,
    /// [G] How much an incident counts as a team failure (for blame or inquiry).
    pub incident_failure_weight: f64,
    /// [G] Weeks of facilitating after which dependency work halves (§8.3).
    pub facilitating_weeks: u32,
    /// [G] Share of dependency work left once facilitation has taken hold.
    pub facilitating_work_cut: f64,
    /// [G] Skill points (craft, before diminishing returns) each person of a facilitating pair
    /// of teams gains a week while the facilitation runs (Team Topologies: an enabling team
    /// grows the other team's capability; the enabler learns by teaching).
    pub facilitating_growth: f64,
    /// [G] Share of the dependency jitter left when the provider offers X-as-a-service (a
    /// defined interface makes requests predictable, Team Topologies).
    pub xaas_jitter_share: f64,
    /// [G] Extra collaboration cost per time-box length a collaboration runs past its time-box
    /// (Team Topologies: collaboration is for discovery and should end; kept on, it blurs
    /// ownership and loads both teams).
    pub collab_overrun_gain: f64,
    /// [G] Share of its idle delivery capacity a team whose work is blocked puts on the
    /// dependencies it waits for (Kanban's "stop starting, start finishing": swarm on the
    /// blocker); the rest goes to debt paydown as before.
    pub swarm_share: f64,
    /// [G] How much of that capacity the provider's lane gains (the helpers do not know the
    /// provider's code).
    pub swarm_efficiency: f64,
    /// [G] Log-normal σ of how much work a dependency request really is.
    pub dependency_jitter: f64,
    /// [G] Share of recent requests a service lane's load estimate keeps each week.
    pub carry_lane_inflow: f64,
    /// [G] How much of the capacity a consumer team spends in a collaboration becomes work on
    /// the dependency (its people do not know the provider's code; Team Topologies:
    /// collaboration is for discovering an interface, and an expensive way to deliver one).
    pub collab_consumer_efficiency: f64,
    /// [G] Share of the consumer team's capacity a collaboration-mode dependency draws.
    pub collab_consumer_share: f64,
    /// [G] Discovery quality from which a team's new ideas start from the informed prior.
    pub informed_discovery_quality: f64,
    /// [G] Open ideas per team before discovery stops proposing new ones.
    pub max_open_ideas: u32,
    /// [G] Share of tooling spend kept under a hiring freeze.
    pub freeze_tooling_cut: f64,

    // ---- Action costs: the cost table (AP = attention points, PC = political capital, $ = budget) ----
    /// [G] AP to open a requisition.
    pub open_requisition_ap: f64,
    /// [G] PC to open a requisition while spend is above `requisition_plan_share` of the quarter.
    pub open_requisition_pc: f64,
    /// [G] Share of the quarter's budget spent above which new headcount needs political capital.
    pub requisition_plan_share: f64,
    /// [G] AP to give a new hire structured onboarding.
    pub structured_onboarding_ap: f64,
    /// [G] Budget, $, to give a new hire structured onboarding.
    pub structured_onboarding_money: f64,
    /// [G] AP to bring in contractors.
    pub hire_contractors_ap: f64,
    /// [G] PC to bring in contractors.
    pub hire_contractors_pc: f64,
    /// [G] AP to hold a 1:1.
    pub one_on_one_ap: f64,
    /// [G] AP to mentor someone yourself.
    pub mentor_ap: f64,
    /// [G] AP to pair a mentee with a senior mentor.
    pub pair_mentor_ap: f64,
    /// [G] AP to send someone to training.
    pub training_ap: f64,
    /// [G] Budget, $, to send someone to training.
    pub training_money: f64,
    /// [G] AP to hold a stay interview.
    pub stay_interview_ap: f64,
    /// [G] AP to give a retention raise.
    pub retention_raise_ap: f64,
    /// [G] PC to give a retention raise.
    pub retention_raise_pc: f64,
    /// [G] A retention raise as a share of weekly salary.
    pub retention_raise_share: f64,
    /// [G] Weeks a retention raise runs (whole weeks; its cost is paid up front).
    pub retention_raise_weeks: f64,
    /// [G] AP to give someone a recovery week.
    pub recovery_week_ap: f64,
    /// [G] AP to run a layoff.
    pub layoff_ap: f64,
    /// [G] PC to run a layoff.
    pub layoff_pc: f64,
    /// [G] AP to develop a manager.
    pub develop_manager_ap: f64,
    /// [G] AP to run a vision session.
    pub vision_session_ap: f64,
    /// [G] AP to hold a strategy session with a stakeholder.
    pub strategy_session_ap: f64,
    /// [G] AP to share credit for a shipped initiative.
    pub share_credit_ap: f64,
    /// [G] PC the leader gains by taking credit for a team's work.
    pub take_credit_pc_gain: f64,
    /// [G] AP to take responsibility for a failure.
    pub take_responsibility_ap: f64,
    /// [G] PC to take responsibility for a failure.
    pub take_responsibility_pc: f64,
    /// [G] PC the leader gains by blaming a team for a failure.
    pub blame_pc_gain: f64,
    /// [G] AP to run a blameless review.
    pub blameless_review_ap: f64,
    /// [G] AP to shield a team from a demand (PC from the stakeholder's power, the demand's intensity and trust).
    pub shield_ap: f64,
    /// [G] AP to reframe a demand.
    pub reframe_ap: f64,
    /// [G] PC to reframe a demand.
    pub reframe_pc: f64,
    /// [G] AP to escalate a demand over the stakeholder's head.
    pub escalate_ap: f64,
    /// [G] PC to escalate a demand, before the stakeholder's power.
    pub escalate_pc_base: f64,
    /// [G] PC to escalate, per unit of the stakeholder's power.
    pub escalate_pc_per_power: f64,
    /// [G] AP to hold a demo day.
    pub demo_day_ap: f64,
    /// [G] Anxiety the forecast's stakeholders lose when given a date with a range instead of a guess.
    pub forecast_anxiety_relief: f64,
    /// [G] Weeks a forecast stays fresh: while one is fresh and unbroken for a team's open work, stakeholders take it instead of imposing a fixed-date plan on that team.
    pub forecast_fresh_weeks: f64,
    /// [G] Weeks a ritual (vision session, strategy session with one stakeholder, demo day) is remembered: each earlier one in this window weakens the next.
    pub ritual_window_weeks: f64,
    /// [G] Share of a ritual's effect left per earlier one in the window (0.35: the second in a month does about a third, the third an eighth). Repetition wears rituals out.
    pub ritual_repeat_keep: f64,
    /// [G] Weeks a demo day is remembered (shorter than other rituals: a demo every sprint, two or three weeks, is the usual cadence; weekly demos wear out).
    pub demo_window_weeks: f64,
    /// [G] Weeks within which a second 1:1 with the same person grows their skills less (by `ritual_repeat_keep`).
    pub one_on_one_repeat_weeks: f64,
    /// [G] Share of every team's capacity an extra vision session takes that week (everyone is in the room), times the share of its effect already worn out: one at the usual cadence is inside `f_base`'s routine meeting time.
    pub vision_session_capacity: f64,
    /// [G] Share of the demoing team's capacity an extra demo day takes that week (preparing and presenting), times the share of its effect already worn out: one at the usual cadence is inside `f_base`.
    pub demo_day_capacity: f64,
    /// [G] Benevolence the stakeholder loses when a demand is escalated over their head.
    pub escalate_benevolence_loss: f64,
    /// [G] Weeks the escalated stakeholder waits for the ruling before raising new demands (it buys no longer silence).
    pub escalate_quiet_weeks: f64,
    /// [G] Chance that whoever rules on an escalation upholds the demand, before the stakeholder's power.
    pub escalate_upheld_base: f64,
    /// [G] Extra chance the demand is upheld, per unit of the stakeholder's power (a powerful stakeholder usually wins).
    pub escalate_upheld_per_power: f64,
    /// [G] Weeks an escalation takes to be ruled on; an upheld demand must then be answered (comply, shield or reframe) by then.
    pub escalate_ruling_weeks: f64,
    /// [G] AP to disclose a slipping commitment.
    pub disclose_slip_ap: f64,
    /// [G] PC to disclose a slipping commitment.
    pub disclose_slip_pc: f64,
    /// [G] AP to change a team's discovery or debt share.
    pub set_share_ap: f64,
    /// [G] AP to change a team's WIP limit.
    pub set_wip_limit_ap: f64,
    /// [G] AP to buy a team tooling.
    pub tooling_ap: f64,
    /// [G] Budget, $, to buy a team tooling.
    pub tooling_money: f64,
    /// [G] AP to invest in a team's analytics.
    pub analytics_ap: f64,
    /// [G] Budget, $, to invest in a team's analytics.
    pub analytics_money: f64,
    /// [G] AP to invest in the platform.
    pub platform_investment_ap: f64,
    /// [G] Budget, $, to invest in the platform.
    pub platform_investment_money: f64,
    /// [G] AP to ask for more budget.
    pub request_budget_ap: f64,
    /// [G] PC to ask for more budget.
    pub request_budget_pc: f64,
    /// [G] AP to set a sustainable-pace policy.
    pub sustainable_pace_ap: f64,
    /// [G] AP to broker alignment between two teams (or set their interaction mode).
    pub broker_alignment_ap: f64,
    /// [G] PC to broker alignment between two teams (or set their interaction mode).
    pub broker_alignment_pc: f64,
    /// [G] AP to connect two teams.
    pub connect_teams_ap: f64,
    /// [G] AP to move a person to another team.
    pub reteam_ap: f64,
    /// [G] PC to move a person to another team.
    pub reteam_pc: f64,
    /// [G] AP to review a product's metrics.
    pub review_metrics_ap: f64,
    /// [G] AP to run an extra experiment.
    pub run_experiment_ap: f64,
    /// [G] Budget, $, to run an extra experiment.
    pub run_experiment_money: f64,
    /// [G] AP to make a forecast.
    pub forecast_ap: f64,
    /// [G] AP to kill an initiative (PC from its sponsor, `sponsor_pc_scale`).
    pub kill_initiative_ap: f64,
    /// [G] AP to descope an initiative (PC from its sponsor).
    pub descope_ap: f64,
    /// [G] PC to go against a sponsor: this × their power × (1 − trust/100).
    pub sponsor_pc_scale: f64,

    // ---- Action effects (what each action does) ----
    /// [G] Pending soft and team-development skill a 1:1 gives, each, at full quality (quality = 0.5 + 0.5 · the leader's team-development skill/100).
    pub one_on_one_growth: f64,
    /// [G] Engagement pulse a senior gets from being asked to mentor.
    pub pair_mentor_pulse: f64,
    /// [G] Team capacity the week someone is away training (two days of one person).
    pub training_capacity: f64,
    /// [G] Trust in the leader a stay interview adds.
    pub stay_interview_trust: f64,
    /// [G] Chance that peers find out about a retention raise.
    pub raise_envy_chance: f64,
    /// [G] Engagement each peer loses when they find out (fairness).
    pub raise_envy_pulse: f64,
    /// [G] Weeks of salary paid as severance per person laid off.
    pub layoff_severance_weeks: f64,
    /// [G] Layoff shock in teams that lost nobody, relative to the teams that did.
    pub layoff_survivor_other_teams: f64,
    /// [G] Pending team-development skill developing a manager gives (× room to grow).
    pub develop_manager_gain: f64,
    /// [G] Share of the gap to full vision clarity a vision session closes.
    pub vision_gain: f64,
    /// [G] Stakeholder alignment a vision session adds.
    pub vision_alignment: f64,
    /// [G] Alignment a strategy session adds with that stakeholder.
    pub strategy_alignment: f64,
    /// [G] Engagement pulse for everyone in a team whose work the leader credits.
    pub share_credit_pulse: f64,
    /// [G] Ability pulse with every stakeholder when credit is shared.
    pub share_credit_ability: f64,
    /// [G] Ability pulse with every stakeholder when the leader takes the credit.
    pub take_credit_ability: f64,
    /// [G] Psychological safety the team loses when the leader takes its credit.
    pub take_credit_safety_loss: f64,
    /// [G] Safety taking responsibility adds (× room to grow).
    pub responsibility_safety_gain: f64,
    /// [G] Integrity pulse with every stakeholder when the leader takes responsibility.
    pub responsibility_integrity: f64,
    /// [G] Safety lost at once to blame (a third of the −20 shock, τ_down = 3).
    pub blame_safety_loss: f64,
    /// [G] Engagement each team member loses when blamed.
    pub blame_engagement_pulse: f64,
    /// [G] Trust in the leader each team member loses when blamed.
    pub blame_trust_pulse: f64,
    /// [G] Quality practice a blameless review adds.
    pub blameless_review_quality: f64,
    /// [G] Anxiety relief pulse with every stakeholder after a demo.
    pub demo_anxiety_relief: f64,
    /// [G] Ability pulse after a demo once something has shipped.
    pub demo_ability: f64,
    /// [G] Ability pulse after a demo while nothing has shipped yet.
    pub demo_ability_nothing_shipped: f64,
    /// [G] Waterfall appetite a demo of shipped work takes away.
    pub demo_waterfall_relief: f64,
    /// [G] PC a demo of shipped work earns.
    pub demo_pc: f64,
    /// [G] Integrity pulse with every stakeholder after disclosing a slip.
    pub disclose_integrity: f64,
    /// [G] Quality practice tooling adds.
    pub tooling_quality: f64,
    /// [G] Team capacity while a new tool is adopted (two weeks).
    pub tooling_dip: f64,
    /// [G] Weekly running cost of each tooling purchase, $.
    pub tooling_running_cost: f64,
    /// [G] Analytics maturity an analytics investment adds.
    pub analytics_gain: f64,
    /// [G] Platform maturity a platform investment adds.
    pub platform_investment_gain: f64,
    /// [G] Congruence connecting two teams adds.
    pub connect_congruence: f64,
    /// [G] Share of assimilation a person keeps when moved to another team.
    pub reteam_assimilation_kept: f64,
    /// [G] How unsettling a move to another team is for the person moved, in priority-churn
    /// events (a reorg is a change of priorities for them): it feeds their exhaustion and
    /// engagement as the team's churn does, scaled by their reaction to change (`LovesChange`
    /// × 0.5, `NeedsStability` × 1.5), and fades as churn does (`carry_priority_churn`).
    pub reteam_unsettle: f64,

    // ---- Shape of the equations (thresholds and caps inside model::eq) ----
    /// [G] Most of a team's capacity communication overhead can take (Brooks: a team this big does little else).
    pub comm_overhead_cap: f64,
    /// [G] Engagement at which the resignation hazard is its base rate.
    pub hazard_engagement_pivot: f64,
    /// [G] Exhaustion above which the hazard starts to rise.
    pub hazard_exhaustion_knee: f64,
    /// [G] Extra hazard (× base) at full exhaustion: 1 + this · (X − knee)/(100 − knee).
    pub hazard_exhaustion_gain: f64,
    /// [G] Chronic exhaustion that doubles the hazard (1 + chronic/this).
    pub hazard_chronic_scale: f64,
    /// [G] Weeks without growth after which `hazard_no_growth` applies.
    pub hazard_growth_window: f64,
    /// [G] Weeks without a 1:1 after which `hazard_no_one_on_one` applies.
    pub hazard_one_on_one_window: f64,
    /// [G] Tenure, weeks, below which `hazard_new_hire` applies.
    pub hazard_new_hire_weeks: f64,
    /// [G] Highest weekly resignation hazard.
    pub hazard_cap: f64,
    /// [G] Weekly recovery per point of exhaustion (on top of `recovery_base`): the more tired, the faster rest helps.
    pub recovery_per_exhaustion: f64,
    /// [G] Overwork (share above 40 hours) at which recovery stops.
    pub recovery_overwork_span: f64,

    // ---- Scoring (§9, §17.5) ----
    /// [G] Weeks of caretaker epilogue after the last played week.
    pub epilogue_weeks: u32,
}

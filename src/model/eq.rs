//! The weekly equations of MODEL.md §4–§9 as pure functions (no Bevy types), each pinned by tests.

use super::domain::Trait;
use super::params::Params;

/// First-order smoothing `x + (target − x)/τ` (Abdel-Hamid's exponential delay).
pub fn smooth(x: f64, target: f64, tau: f64) -> f64 {
    x + (target - x) / tau.max(1.0)
}

/// Smoothing with different time constants up and down; returns (new value, τ used).
pub fn smooth_asym(x: f64, target: f64, tau_up: f64, tau_down: f64) -> (f64, f64) {
    let tau = if target >= x { tau_up } else { tau_down }.max(1.0);
    (x + (target - x) / tau, tau)
}

pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Effective hours (Pencavel): proportional to 48 h, half as steep to a peak at 63 h, then falling.
pub fn effective_hours(h: f64) -> f64 {
    if h <= 48.0 {
        h
    } else if h <= 63.0 {
        48.0 + 0.5 * (h - 48.0)
    } else {
        55.5 - 0.3 * (h - 63.0)
    }
}

/// A person's raw weekly capacity in effort points (§4.4).
pub struct PersonCapacity {
    pub hours: f64,
    pub assimilation: f64,
    pub craft: f64,
    pub exhaustion: f64,
    pub engagement: f64,
    pub on_notice: bool,
}

pub fn fatigue(x: f64, p: &Params) -> f64 {
    (1.0 - p.fatigue_slope * x / 100.0).max(0.05)
}

pub fn skill_factor(craft: f64) -> f64 {
    0.6 + 0.8 * craft / 100.0
}

pub fn engagement_factor(e: f64) -> f64 {
    0.85 + 0.3 * e / 100.0
}

pub fn person_raw(c: &PersonCapacity, p: &Params) -> f64 {
    let notice = if c.on_notice {
        p.notice_productivity
    } else {
        1.0
    };
    (effective_hours(c.hours) / 40.0)
        * c.assimilation
        * skill_factor(c.craft)
        * fatigue(c.exhaustion, p)
        * engagement_factor(c.engagement)
        * notice
        * p.f_base
}

/// Communication overhead for a team of n (Madachy 0.06·n² %, plus §17.4's large-team term,
/// off by default).
pub fn comm_overhead(n: f64, p: &Params) -> f64 {
    (p.comm_coeff * n * n + p.comm_large_team * (n - p.comfortable_team_size).max(0.0).powi(2))
        .min(p.comm_overhead_cap)
}

/// Context switching for k active items (Weinberg), wip_ok = 1 + floor(n/4).
pub fn switch_overhead(k: usize, n: usize, p: &Params) -> f64 {
    let wip_ok = 1 + n / 4;
    (p.switch_cost * k.saturating_sub(wip_ok) as f64).min(p.switch_cap)
}

/// Share of capacity spent on operations (Stripe/Besker) given debt and incident load.
pub fn ops_share(debt: f64, incident_load: f64, p: &Params) -> f64 {
    (p.ops_base + p.ops_debt * debt / 100.0 + p.ops_incident_weight * incident_load).min(0.9)
}

/// Debt drag on delivery velocity (Tornhill & Borg).
pub fn debt_velocity(debt: f64, p: &Params) -> f64 {
    1.0 / (1.0 + p.debt_drag * debt / 100.0)
}

/// The short-term focus of schedule pressure, fading while pressure lasts (§17.4).
pub fn pressure_boost(sp: f64, weeks_under_pressure: f64, p: &Params) -> f64 {
    let fade = if sp > 0.0 {
        (-weeks_under_pressure / p.pressure_boost_fade_weeks).exp()
    } else {
        1.0
    };
    (1.0 + p.pressure_boost * sp * fade).clamp(p.pressure_boost_min, p.pressure_boost_max)
}

/// Schedule pressure from committed work (§4.5); `capacity` is the nominal weekly delivery rate.
pub fn schedule_pressure(remaining: f64, capacity: f64, weeks_left: f64) -> f64 {
    if remaining <= 0.0 {
        return -0.5;
    }
    let denom = capacity.max(0.01) * weeks_left.max(0.5);
    (remaining / denom - 1.0).clamp(-0.5, 1.5)
}

/// Schedule pressure of a team without deadlines, from unshielded pressure exposure P.
pub fn ambient_pressure(exposure: f64) -> f64 {
    0.01 * exposure - 0.2
}

/// Overtime policy set by the leader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum OvertimePolicy {
    /// Overtime follows pressure and willingness (§4.5).
    #[default]
    Default,
    /// Overtime capped at 10 %.
    SustainablePace,
    /// Mandated 60-hour weeks.
    Crunch,
}

impl OvertimePolicy {
    /// The policy in plain words.
    pub fn label(self) -> &'static str {
        match self {
            OvertimePolicy::Default => "as the pressure goes (no policy)",
            OvertimePolicy::SustainablePace => "sustainable pace (overtime capped at 10 %)",
            OvertimePolicy::Crunch => "crunch (mandated 60-hour weeks)",
        }
    }
}

/// Overtime fraction for one person (§4.5, §17.1).
pub fn overtime(sp: f64, x: f64, pathological: bool, policy: OvertimePolicy, p: &Params) -> f64 {
    let willing = if pathological && x < 85.0 {
        p.ot_max
    } else {
        p.ot_max * (1.0 - x / p.ot_tolerable_x).max(0.0)
    };
    let voluntary = (p.ot_response * sp.max(0.0)).min(willing);
    match policy {
        OvertimePolicy::Default => voluntary,
        OvertimePolicy::SustainablePace => voluntary.min(p.sustainable_ot),
        OvertimePolicy::Crunch => {
            if x >= 85.0 {
                voluntary
            } else {
                p.crunch_ot
            }
        }
    }
}

/// Error fraction of delivery progress (§4.6).
pub fn error_fraction(
    sp: f64,
    mean_x: f64,
    share_unassimilated: f64,
    debt: f64,
    q: f64,
    p: &Params,
) -> f64 {
    (p.error_base
        * (1.0 + p.error_pressure * sp.max(0.0))
        * (1.0 + p.error_fatigue * mean_x / 100.0)
        * (1.0 + p.error_new_hire * share_unassimilated)
        * (1.0 + p.error_debt * debt / 100.0)
        * (1.0 - p.error_quality * q))
        .clamp(0.0, 0.9)
}

/// Weekly detection rate of undiscovered rework (§4.6, §17.1).
pub fn detection_rate(q: f64, ps: f64, honesty: f64, p: &Params) -> f64 {
    (p.detect_base
        + p.detect_quality * q
        + p.detect_safety * ps / 100.0
        + p.detect_honesty * honesty)
        .clamp(0.0, 1.0)
}

/// Change in tech debt for a week (§17.4): shortcuts on progress versus paydown, plus entropy.
pub fn debt_change(
    shortcut: f64,
    progress: f64,
    debt_points: f64,
    codebase: f64,
    p: &Params,
) -> f64 {
    100.0 * (p.debt_shortcut_gain * shortcut * progress - p.debt_paydown_gain * debt_points)
        / codebase.max(50.0)
        + p.debt_entropy
}

/// Share of delivery taken as shortcuts (§4.6).
pub fn shortcut_share(sp: f64, q: f64, feature_factory: bool) -> f64 {
    0.05 + 0.15 * sp.max(0.0) + 0.10 * (1.0 - q) + if feature_factory { 0.05 } else { 0.0 }
}

/// Perceived progress (§17.4 watermelon): status echoes the plan until the truth surfaces.
pub fn perceived_progress(true_frac: f64, plan_frac: f64, honesty: f64) -> f64 {
    let echoed = honesty * true_frac + (1.0 - honesty) * plan_frac.min(0.95);
    true_frac.max(echoed).min(0.99).max(true_frac.min(1.0))
}

/// Status honesty h (§4.6): Westrum item 2 normalised and demo cadence.
pub fn honesty(w2_norm: f64, demo_cadence: f64) -> f64 {
    (0.3 + 0.4 * w2_norm + 0.3 * demo_cadence).clamp(0.0, 1.0)
}

/// One assimilation step (§4.3).
pub fn assimilation_step(a: f64, a_max: f64, m_onb: f64, ps: f64, tau: f64) -> f64 {
    let m_ps = 0.8 + 0.4 * ps / 100.0;
    (a + (a_max - a) * m_onb * m_ps / tau.max(1.0)).min(a_max)
}

/// Assimilation of existing staff from tenure (§17.2): a = 1 − (1 − a₀)(1 − 1/τ)^tenure.
pub fn assimilation_from_tenure(a0: f64, tau: f64, tenure_weeks: f64) -> f64 {
    1.0 - (1.0 - a0) * (1.0 - 1.0 / tau.max(1.0)).powf(tenure_weeks.max(0.0))
}

/// Training load a new hire puts on the team, in FTE (Madachy).
pub fn training_load(a: f64, a_max: f64, a0: f64, p: &Params) -> f64 {
    if a_max - a0 <= 0.0 {
        return 0.0;
    }
    p.training_overhead * ((a_max - a) / (a_max - a0)).clamp(0.0, 1.0)
}

/// Inputs of the weekly attrition hazard (§4.3, §17.1).
pub struct HazardInputs {
    pub engagement: f64,
    pub exhaustion: f64,
    pub chronic: f64,
    pub weeks_since_growth: f64,
    pub weeks_since_one_on_one: f64,
    pub tenure_weeks: f64,
    pub market_heat: f64,
    pub retention_bonus: bool,
    /// A stay interview in the last `stay_interview_weeks`.
    pub heard: bool,
    /// Product of cause-tagged multipliers (layoff survivors, blame, brilliant jerk).
    pub extra: f64,
}

pub fn hazard(h: &HazardInputs, p: &Params) -> f64 {
    let mut x = p.hazard_base
        * (-p.hazard_engagement_slope * (h.engagement - p.hazard_engagement_pivot)).exp()
        * (1.0
            + p.hazard_exhaustion_gain * (h.exhaustion - p.hazard_exhaustion_knee).max(0.0)
                / (100.0 - p.hazard_exhaustion_knee))
        * (1.0 + h.chronic / p.hazard_chronic_scale)
        * h.market_heat
        * h.extra;
    if h.weeks_since_growth > p.hazard_growth_window {
        x *= p.hazard_no_growth;
    }
    if h.weeks_since_one_on_one > p.hazard_one_on_one_window {
        x *= p.hazard_no_one_on_one;
    }
    if h.tenure_weeks < p.hazard_new_hire_weeks {
        x *= p.hazard_new_hire;
    }
    if h.heard {
        x *= p.hazard_stay_interview;
    }
    if h.retention_bonus {
        x *= p.hazard_retention_bonus;
    }
    x.clamp(0.0, p.hazard_cap)
}

/// Annual turnover implied by a constant weekly hazard.
pub fn annual_turnover(weekly_hazard: f64) -> f64 {
    1.0 - (1.0 - weekly_hazard).powi(52)
}

/// Exhaustion step (§4.9 with §17.4's continuous recovery and chronic burnout).
/// A person's reactions as multipliers (crunch, recognition, change): the pole a scenario
/// wrote for each axis, or else one drawn from `draws` (uniforms in 0–1, one per axis): the
/// low pole below `trait_drawn_share`, the high pole above 1 − it, else neutral (1).
pub fn temperament(traits: &[Trait], draws: [f64; 3], p: &Params) -> [f64; 3] {
    let poles = [
        (p.trait_crunch_resilient, p.trait_crunch_sensitive),
        (p.trait_self_motivated, p.trait_seeks_recognition),
        (p.trait_loves_change, p.trait_needs_stability),
    ];
    let mut out = [1.0; 3];
    for (k, (low, high)) in Trait::AXES.iter().enumerate() {
        let (lo, hi) = poles[k];
        out[k] = if traits.contains(low) {
            lo
        } else if traits.contains(high) {
            hi
        } else if draws[k] < p.trait_drawn_share {
            lo
        } else if draws[k] > 1.0 - p.trait_drawn_share {
            hi
        } else {
            1.0
        };
    }
    out
}

/// Hours as they tire someone: those above 40 count `crunch` times (below 40, as they are).
pub fn felt_hours(hours: f64, crunch: f64) -> f64 {
    if hours > 40.0 {
        40.0 + (hours - 40.0) * crunch
    } else {
        hours
    }
}

pub fn exhaustion_step(
    x: f64,
    hours: f64,
    overload: f64,
    churn_events: f64,
    chronic: f64,
    p: &Params,
) -> f64 {
    let overwork = (hours / 40.0 - 1.0).max(0.0);
    let rec = recovery(x, overwork, chronic, p);
    (x + p.exhaustion_gain * overwork * (1.0 - x / 100.0)
        + p.exhaustion_load_gain * overload
        + p.exhaustion_churn_gain * churn_events
        - rec)
        .clamp(0.0, 100.0)
}

/// Weekly recovery (§17.4): continuous in overwork, scaled down by chronic burnout.
pub fn recovery(x: f64, overwork: f64, chronic: f64, p: &Params) -> f64 {
    (1.0 + (p.recovery_base + p.recovery_per_exhaustion * x)
        * (1.0 - overwork / p.recovery_overwork_span).clamp(0.0, 1.0))
        * (1.0 - chronic / 100.0).max(0.0)
}

/// Chronic-burnout stock (§17.4): gains above X = 50, decays with τ = 26.
pub fn chronic_step(xc: f64, x: f64, p: &Params) -> f64 {
    (xc + p.chronic_gain * (x - 50.0).max(0.0) - xc / p.chronic_tau).clamp(0.0, 100.0)
}

/// Kingman/VUT expected flow time of a dependency request (§17.4), the displayed estimate.
pub fn kingman_flow_time(
    work: f64,
    lane_capacity: f64,
    rho: f64,
    variability: f64,
    handoff: f64,
) -> f64 {
    let service = work / lane_capacity.max(1e-6);
    let rho = rho.clamp(0.0, 0.98);
    service * (1.0 + variability * rho / (1.0 - rho)) * handoff
}

/// Hand-off multiplier for a dependency (Cataldo congruence, Herbsleb & Mockus distribution).
pub fn handoff(teams_involved: f64, congruence: f64, distributed: bool, p: &Params) -> f64 {
    (1.0 + 0.5 * (teams_involved - 1.0).max(0.0))
        * (1.0 - p.congruence_effect * congruence.clamp(0.0, 1.0))
        * if distributed {
            p.distributed_multiplier
        } else {
            1.0
        }
}

/// Discovery quality Qd (§4.7, §17.1 adds 0.1·EM).
pub fn discovery_quality(domain: f64, ux: f64, ps: f64, analytics: f64, empowerment: f64) -> f64 {
    (0.3 + 0.4 * (domain + ux) / 200.0 + 0.2 * ps / 100.0 + 0.2 * analytics + 0.1 * empowerment)
        .clamp(0.0, 1.0)
}

/// P(positive signal | hit) and P(positive | miss) at discovery quality qd.
pub fn signal_probabilities(qd: f64) -> (f64, f64) {
    (0.5 + 0.25 * qd, 0.5 - 0.20 * qd)
}

/// Bayes update of P(hit) after one experiment signal.
pub fn bayes_update(belief: f64, positive: bool, qd: f64) -> f64 {
    let (p_hit, p_miss) = signal_probabilities(qd);
    let lr = if positive {
        p_hit / p_miss
    } else {
        (1.0 - p_hit) / (1.0 - p_miss)
    };
    let b = belief.clamp(1e-6, 1.0 - 1e-6);
    let odds = b / (1.0 - b) * lr;
    odds / (1.0 + odds)
}

/// Empowerment (§4.7).
pub fn empowerment(autonomy: f64, outcome_mission: bool, discovery_share: f64) -> f64 {
    0.4 * autonomy
        + 0.3 * if outcome_mission { 1.0 } else { 0.0 }
        + 0.3 * (discovery_share / 0.2).min(1.0)
}

/// Weekly churn from monthly churn (52/12 weeks per month, §17.1).
pub fn weekly_churn(monthly: f64) -> f64 {
    1.0 - (1.0 - monthly).powf(12.0 / 52.0)
}

/// Ellis PMF share from value fit: VF 60 ⇒ 40 % "very disappointed".
pub fn pmf(value_fit: f64) -> f64 {
    0.15 + 0.5 * sigmoid((value_fit - 60.0) / 8.0)
}

/// True NPS from value fit and reliability (survey noise lives in the dashboard, §17.2).
pub fn nps(value_fit: f64, reliability: f64) -> f64 {
    (2.0 * (0.7 * value_fit + 0.3 * reliability) - 100.0).clamp(-100.0, 100.0)
}

/// Activation (§4.8): baseline plus value fit, shipped effects, minus incidents.
pub fn activation(a_base: f64, vf: f64, vf0: f64, effects: f64, incident_norm: f64) -> f64 {
    (a_base + 0.3 * (vf - vf0) / 100.0 + effects - 0.05 * incident_norm).clamp(0.05, 0.9)
}

/// Monthly churn (§4.8).
pub fn monthly_churn(c_base: f64, vf: f64, vf0: f64, churn_mult: f64, incident_norm: f64) -> f64 {
    (c_base * (-1.5 * (vf - vf0) / 100.0).exp() * churn_mult * (1.0 + 0.3 * incident_norm))
        .clamp(0.003, 0.15)
}

/// Adoption of a shipped effect (§4.8): 1 − e^(−t/τ).
pub fn adoption(weeks_since_ship: f64, p: &Params) -> f64 {
    1.0 - (-(weeks_since_ship.max(0.0)) / p.adoption_tau).exp()
}

/// Lateness discount past a market window (Reinertsen cost of delay).
pub fn lateness_factor(ship_week: f64, window: Option<f64>, decay: f64) -> f64 {
    match window {
        Some(w) => (1.0 - (ship_week - w).max(0.0) / decay.max(1.0)).max(0.3),
        None => 1.0,
    }
}

/// Westrum item on the 1–7 scale from a 0–1 driver.
pub fn westrum_item(driver: f64) -> f64 {
    1.0 + 6.0 * driver.clamp(0.0, 1.0)
}

/// Stakeholder trust: geometric blend of ability, benevolence and integrity (Mayer et al.).
pub fn stakeholder_trust(ability: f64, benevolence: f64, integrity: f64) -> f64 {
    ability.max(0.0).powf(0.4) * benevolence.max(0.0).powf(0.3) * integrity.max(0.0).powf(0.3)
}

/// Cost in political capital of shielding a demand (§7.2).
pub fn shield_cost(power: f64, intensity: f64, trust: f64) -> f64 {
    (10.0 * power * intensity * (1.2 - trust / 100.0)).max(0.0)
}

/// Political capital a shield costs when the team's PMs and EMs explain the no (`team_soft`,
/// their soft skill): `shield_cost` × `skill_effect(team_soft, −soft_shield_gain)`. The price
/// the player pays and the one the bots plan with.
pub fn shield_cost_told(power: f64, intensity: f64, trust: f64, team_soft: f64, p: &Params) -> f64 {
    shield_cost(power, intensity, trust) * skill_effect(team_soft, -p.soft_shield_gain)
}

/// Probability that a reframe succeeds (§7.3). The leader negotiates with the help of the
/// people who speak for the team (`team_soft`, weighted by `team_soft_weight` around 50: a
/// team whose PM and EM negotiate well gets lighter alternatives accepted more often).
pub fn reframe_success(
    leader_soft: f64,
    team_soft: f64,
    team_soft_weight: f64,
    trust: f64,
    analytics: f64,
    has_forecast: bool,
    waterfall: f64,
) -> f64 {
    sigmoid(
        -1.0 + 2.0 * leader_soft / 100.0
            + team_soft_weight * (team_soft - 50.0) / 100.0
            + 1.5 * trust / 100.0
            + analytics
            + 0.5 * f64::from(u8::from(has_forecast))
            - 1.5 * waterfall,
    )
}

/// Demand arrival rate of a stakeholder (§4.1).
pub fn demand_rate(
    base: f64,
    waterfall: f64,
    anxiety: f64,
    alignment: f64,
    deadline_near: f64,
) -> f64 {
    base * waterfall
        * (0.5 + anxiety / 100.0)
        * (1.0 - 0.4 * alignment)
        * (1.0 + 0.5 * deadline_near)
}

/// Cost of replacing one leaver, as a share of annual salary, from the model's own equations
/// (§4.11 check, anchor A13): vacancy, ramp-up, trainer time and the recruiting fee.
pub fn replacement_cost_share(p: &Params) -> f64 {
    // Lost output during the vacancy (a full person-week each week).
    let vacancy = p.hire_mean_weeks_employee;
    // Lost output while ramping up and trainer time, integrated over two years of assimilation.
    let (mut a, mut ramp, mut train) = (p.assimilation_a0, 0.0, 0.0);
    for _ in 0..104 {
        ramp += 1.0 - a;
        train += training_load(a, 1.0, p.assimilation_a0, p);
        a = assimilation_step(a, 1.0, 1.0, 50.0, p.assimilation_tau);
    }
    // As in MODEL.md §4.11's check, a week of lost output is valued at a week of salary.
    let weeks_lost = ramp + train + vacancy;
    weeks_lost / 52.0 + p.recruiting_fee
}

/// What makes a team's work hard to hold in mind (§4.4 cognitive load; Team Topologies).
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadSources {
    /// Status reports the team owes.
    pub obligations: f64,
    /// Requests waiting in the team's service lane.
    pub waiting_requests: f64,
    /// Collaboration-mode relations the team is in.
    pub collaborations: f64,
    pub headcount: f64,
    /// Open initiatives on the team's backlog.
    pub open_items: f64,
}

/// Cognitive load: 1.0 is a team at its comfortable limit; every source adds its weight, and
/// people beyond `comfortable_team_size` add more (a team too big to know what everyone does).
pub fn cognitive_load(s: &LoadSources, p: &Params) -> f64 {
    s.obligations * p.load_per_obligation
        + p.load_per_request * s.waiting_requests
        + p.load_per_collaboration * s.collaborations
        + p.load_per_extra_person * (s.headcount - p.comfortable_team_size).max(0.0)
        + s.open_items / p.load_items_per_unit
}

/// The budget rule: spending more than `budget_freeze_ratio` × the allowance to date freezes
/// hiring and discretionary spend (§4.11).
pub fn over_budget(spent: f64, allowance: f64, p: &Params) -> bool {
    spent > p.budget_freeze_ratio * allowance
}

/// Money the leader may still commit this quarter under the budget rule.
pub fn budget_headroom(quarter_total: f64, quarter_spent: f64, p: &Params) -> f64 {
    (quarter_total * p.budget_freeze_ratio - quarter_spent).max(0.0)
}

/// Capacity share one collaboration costs each of its teams after `weeks` in that mode:
/// `collab_cost` within the time-box, growing by `collab_overrun_gain` per time-box length
/// beyond it.
pub fn collaboration_cost(weeks: f64, p: &Params) -> f64 {
    let tb = p.collab_timebox.max(1.0);
    p.collab_cost * (1.0 + p.collab_overrun_gain * ((weeks - tb).max(0.0) / tb))
}

/// Skill points (before the learner's room to grow) a team's coach adds each week to each of
/// the others' pending growth: nothing up to `coaching_floor` team-development skill, then
/// rising linearly to `coaching_growth` at 100.
pub fn coaching_growth(coach_td: f64, p: &Params) -> f64 {
    let floor = p.coaching_floor.clamp(0.0, 99.0);
    p.coaching_growth * ((coach_td - floor) / (100.0 - floor)).clamp(0.0, 1.0)
}

/// How a skill scales an effect: 1 at skill 50, `1 + gain` at 100, `1 − gain` at 0 (a
/// negative gain makes the effect shrink as the skill grows), never below 0.
pub fn skill_effect(skill: f64, gain: f64) -> f64 {
    (1.0 + gain * (skill - 50.0) / 50.0).max(0.0)
}

/// A component scored against the caretaker on the same streams (§17.5): 50 when the player's
/// raw value equals the caretaker's, 75 at `scale` raw points better, 25 at `scale` worse, and
/// never 0 or 100, so a component that starts or stays high does not flatter doing nothing and
/// one that both games pin (say, no exhaustion in either) does not hide a difference elsewhere.
pub fn against_caretaker(raw: f64, caretaker: f64, scale: f64) -> f64 {
    let d = raw - caretaker;
    50.0 + 50.0 * d / (d.abs() + scale.max(1e-9))
}

/// The six culture components (each 0–100).
#[derive(Clone, Copy, Debug, Default)]
pub struct CultureParts {
    pub westrum: f64,
    pub safety: f64,
    pub engagement: f64,
    pub retention: f64,
    pub wellbeing: f64,
    pub growth: f64,
}

/// The culture score: the weighted sum of its components (§9.1).
pub fn culture_score(c: &CultureParts, p: &Params) -> f64 {
    p.w_westrum * c.westrum
        + p.w_safety * c.safety
        + p.w_engagement * c.engagement
        + p.w_retention * c.retention
        + p.w_wellbeing * c.wellbeing
        + p.w_growth * c.growth
}

/// The five product components (each 0–100).
#[derive(Clone, Copy, Debug, Default)]
pub struct ProductParts {
    pub outcomes: f64,
    pub customers: f64,
    pub quality: f64,
    pub finance: f64,
    pub trust: f64,
}

/// The product score: the weighted sum of its components (§9.2).
pub fn product_score(c: &ProductParts, p: &Params) -> f64 {
    p.w_outcomes * c.outcomes
        + p.w_customers * c.customers
        + p.w_quality * c.quality
        + p.w_finance * c.finance
        + p.w_trust * c.trust
}

/// Political capital it takes to go against an initiative's sponsor (kill or descope their
/// work): more for a powerful sponsor, less the more they trust the leader.
pub fn sponsor_cost(power: f64, trust: f64, p: &Params) -> f64 {
    p.sponsor_pc_scale * power * (1.0 - trust / 100.0)
}

/// Share of a ritual's effect left when `earlier` of the same ritual were held within the
/// window (`ritual_repeat_keep` per earlier one): repetition wears a ritual out.
pub fn ritual_keep(earlier: usize, p: &Params) -> f64 {
    p.ritual_repeat_keep.powi(earlier.min(64) as i32)
}

/// Chance that an escalated demand is upheld by whoever rules on it: more likely the more
/// powerful the stakeholder escalated over.
pub fn escalation_upheld(power: f64, p: &Params) -> f64 {
    (p.escalate_upheld_base + p.escalate_upheld_per_power * power).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temperament_takes_the_written_pole_else_the_draw() {
        // Drawing is on when a scenario sets a share (the default, 0, keeps unwritten neutral).
        let p = Params {
            trait_drawn_share: 0.2,
            ..Params::default()
        };
        assert_eq!(
            temperament(&[], [0.05, 0.5, 0.95], &Params::default()),
            [1.0; 3]
        );
        // Written poles win over any draw.
        let t = temperament(
            &[Trait::CrunchSensitive, Trait::SelfMotivated],
            [0.0, 0.99, 0.5],
            &p,
        );
        assert_eq!(t, [p.trait_crunch_sensitive, p.trait_self_motivated, 1.0]);
        // Unwritten axes follow the draw: low pole, neutral, high pole.
        let t = temperament(&[], [0.05, 0.5, 0.95], &p);
        assert_eq!(t, [p.trait_crunch_resilient, 1.0, p.trait_needs_stability]);
        assert_eq!(felt_hours(50.0, 1.4), 54.0);
        assert_eq!(felt_hours(36.0, 1.4), 36.0);
    }

    #[test]
    fn a_skill_of_50_leaves_an_effect_unchanged_and_the_sign_of_the_gain_sets_its_direction() {
        assert!((skill_effect(50.0, 0.6) - 1.0).abs() < 1e-12);
        assert!((skill_effect(100.0, 0.6) - 1.6).abs() < 1e-12);
        assert!((skill_effect(0.0, 0.6) - 0.4).abs() < 1e-12);
        assert!((skill_effect(100.0, -0.6) - 0.4).abs() < 1e-12);
        assert_eq!(skill_effect(0.0, -2.0), 3.0);
        assert_eq!(skill_effect(100.0, -2.0), 0.0, "never below 0");
    }

    #[test]
    fn coaching_grows_nobody_below_the_floor_and_most_at_100() {
        let p = Params::default();
        assert_eq!(coaching_growth(p.coaching_floor - 1.0, &p), 0.0);
        assert!((coaching_growth(100.0, &p) - p.coaching_growth).abs() < 1e-12);
        let mid = coaching_growth(70.0, &p);
        assert!(mid > 0.0 && mid < p.coaching_growth);
    }

    #[test]
    fn the_team_s_negotiators_move_the_odds_of_a_reframe() {
        let odds = |team_soft| reframe_success(60.0, team_soft, 4.0, 50.0, 0.0, false, 0.5);
        assert!(odds(30.0) < odds(50.0) && odds(50.0) < odds(80.0));
        assert!(
            (reframe_success(60.0, 50.0, 4.0, 50.0, 0.0, false, 0.5)
                - reframe_success(60.0, 90.0, 0.0, 50.0, 0.0, false, 0.5))
            .abs()
                < 1e-12
        );
    }

    #[test]
    fn rituals_wear_out_and_powerful_stakeholders_win_escalations() {
        let p = Params::default();
        assert_eq!(ritual_keep(0, &p), 1.0);
        assert!(ritual_keep(1, &p) < 0.5 && ritual_keep(2, &p) < ritual_keep(1, &p));
        assert!(ritual_keep(1000, &p) >= 0.0);
        assert!(escalation_upheld(1.0, &p) > escalation_upheld(0.2, &p));
        assert!((0.0..=1.0).contains(&escalation_upheld(5.0, &p)));
    }

    #[test]
    fn sponsor_cost_grows_with_power_and_falls_with_trust() {
        let p = Params::default();
        assert_eq!(sponsor_cost(0.0, 20.0, &p), 0.0);
        assert_eq!(sponsor_cost(1.0, 100.0, &p), 0.0);
        assert!((sponsor_cost(1.0, 0.0, &p) - p.sponsor_pc_scale).abs() < 1e-12);
        assert!(sponsor_cost(0.9, 40.0, &p) > sponsor_cost(0.5, 40.0, &p));
        assert!(sponsor_cost(0.9, 40.0, &p) > sponsor_cost(0.9, 70.0, &p));
    }

    #[test]
    fn scores_are_weighted_sums_whose_weights_sum_to_one() {
        let p = Params::default();
        let all = |v: f64| CultureParts {
            westrum: v,
            safety: v,
            engagement: v,
            retention: v,
            wellbeing: v,
            growth: v,
        };
        assert!((culture_score(&all(100.0), &p) - 100.0).abs() < 1e-9);
        assert_eq!(culture_score(&all(0.0), &p), 0.0);
        let only_safety = CultureParts {
            safety: 100.0,
            ..all(0.0)
        };
        assert!((culture_score(&only_safety, &p) - 100.0 * p.w_safety).abs() < 1e-9);
        let product = |v: f64| ProductParts {
            outcomes: v,
            customers: v,
            quality: v,
            finance: v,
            trust: v,
        };
        assert!((product_score(&product(100.0), &p) - 100.0).abs() < 1e-9);
        let only_outcomes = ProductParts {
            outcomes: 80.0,
            ..product(0.0)
        };
        assert!((product_score(&only_outcomes, &p) - 80.0 * p.w_outcomes).abs() < 1e-9);
    }

    #[test]
    fn cognitive_load_adds_each_source_and_oversize() {
        let p = Params::default();
        let none = LoadSources::default();
        assert_eq!(cognitive_load(&none, &p), 0.0);
        let four_items = LoadSources {
            open_items: 4.0,
            ..none
        };
        assert!((cognitive_load(&four_items, &p) - 1.0).abs() < 1e-12);
        // Up to the comfortable team size headcount adds nothing; each person beyond it does.
        let nine = LoadSources {
            headcount: p.comfortable_team_size,
            ..none
        };
        let twelve = LoadSources {
            headcount: p.comfortable_team_size + 3.0,
            ..none
        };
        assert_eq!(cognitive_load(&nine, &p), 0.0);
        assert!((cognitive_load(&twelve, &p) - 3.0 * p.load_per_extra_person).abs() < 1e-12);
        let busy = LoadSources {
            obligations: 2.0,
            waiting_requests: 3.0,
            collaborations: 1.0,
            ..none
        };
        let expected =
            2.0 * p.load_per_obligation + 3.0 * p.load_per_request + p.load_per_collaboration;
        assert!((cognitive_load(&busy, &p) - expected).abs() < 1e-12);
    }

    #[test]
    fn budget_rule_freezes_above_the_ratio_and_headroom_never_negative() {
        let p = Params::default();
        assert!(!over_budget(100.0, 100.0, &p));
        assert!(!over_budget(110.0, 100.0, &p));
        assert!(over_budget(110.5, 100.0, &p));
        assert!((budget_headroom(100.0, 50.0, &p) - 60.0).abs() < 1e-9);
        assert_eq!(budget_headroom(100.0, 500.0, &p), 0.0);
    }

    #[test]
    fn hours_curve_follows_pencavel() {
        assert_eq!(effective_hours(40.0), 40.0);
        assert_eq!(effective_hours(48.0), 48.0);
        assert!((effective_hours(63.0) - 55.5).abs() < 1e-9);
        // Pencavel: output at 70 h "differs little" from 56 h.
        assert!((effective_hours(70.0) - effective_hours(56.0)).abs() < 2.5);
        assert!(effective_hours(60.0) > effective_hours(50.0));
    }

    #[test]
    fn communication_overhead_is_madachy() {
        let p = Params::default();
        assert!((comm_overhead(10.0, &p) - 0.06).abs() < 1e-9);
        assert!((comm_overhead(5.0, &p) - 0.015).abs() < 1e-9);
        // Output n·(1 − overhead) has no cliff: it rises to a peak near two dozen people.
        let output = |n: f64| n * (1.0 - comm_overhead(n, &p));
        assert!(output(20.0) > output(16.0));
        let peak = (1..=60).max_by(|a, b| output(f64::from(*a)).total_cmp(&output(f64::from(*b))));
        assert!(matches!(peak, Some(21..=27)), "peak at {peak:?}");
    }

    #[test]
    fn context_switching_follows_weinberg_and_caps() {
        let p = Params::default();
        assert_eq!(switch_overhead(2, 4, &p), 0.0);
        assert!((switch_overhead(3, 4, &p) - 0.15).abs() < 1e-9);
        assert!((switch_overhead(20, 4, &p) - 0.6).abs() < 1e-9);
    }

    #[test]
    fn debt_drag_is_about_twofold_at_high_debt() {
        let p = Params::default();
        let slow = debt_velocity(90.0, &p) * (1.0 - ops_share(90.0, 0.0, &p));
        let fast = debt_velocity(10.0, &p) * (1.0 - ops_share(10.0, 0.0, &p));
        let ratio = fast / slow;
        assert!((1.7..=2.3).contains(&ratio), "ratio {ratio}");
    }

    #[test]
    fn hazard_gives_linkedin_base_rate_and_gallup_gap() {
        let p = Params::default();
        let mut h = HazardInputs {
            engagement: 50.0,
            exhaustion: 30.0,
            chronic: 0.0,
            weeks_since_growth: 10.0,
            weeks_since_one_on_one: 2.0,
            tenure_weeks: 100.0,
            market_heat: 1.0,
            retention_bonus: false,
            heard: false,
            extra: 1.0,
        };
        let base = annual_turnover(hazard(&h, &p));
        assert!((base - 0.132).abs() < 0.002, "base {base}");
        h.engagement = 70.0;
        let engaged = hazard(&h, &p);
        h.engagement = 50.0;
        let ratio = engaged / hazard(&h, &p);
        // A 20-point engagement gap gives ~40 % lower turnover (Gallup 24–59 %).
        assert!((0.55..=0.65).contains(&ratio), "ratio {ratio}");
    }

    #[test]
    fn assimilation_reaches_ninety_percent_near_twenty_weeks() {
        let mut a = 0.3;
        let mut week = 0;
        while a < 0.9 {
            a = assimilation_step(a, 1.0, 1.0, 50.0, 10.0);
            week += 1;
        }
        assert!((18..=22).contains(&week), "week {week}");
    }

    #[test]
    fn queue_wait_grows_as_rho_over_one_minus_rho() {
        let w = |rho| kingman_flow_time(1.0, 1.0, rho, 1.0, 1.0) - 1.0;
        assert!((w(0.8) - 4.0).abs() < 1e-9);
        assert!((w(0.9) - 9.0).abs() < 1e-9);
        assert!((w(0.95) - 19.0).abs() < 1e-9);
    }

    #[test]
    fn three_positive_signals_at_full_quality_give_about_089() {
        let mut b = 1.0 / 3.0;
        for _ in 0..3 {
            b = bayes_update(b, true, 1.0);
        }
        assert!((b - 0.89).abs() < 0.02, "belief {b}");
    }

    #[test]
    fn pmf_anchor_is_ellis_forty_percent() {
        assert!((pmf(60.0) - 0.40).abs() < 1e-9);
    }

    #[test]
    fn collaboration_costs_more_past_its_time_box() {
        let p = Params::default();
        assert_eq!(collaboration_cost(0.0, &p), p.collab_cost);
        assert_eq!(collaboration_cost(p.collab_timebox, &p), p.collab_cost);
        let twice = collaboration_cost(2.0 * p.collab_timebox, &p);
        assert!((twice - p.collab_cost * (1.0 + p.collab_overrun_gain)).abs() < 1e-12);
    }

    #[test]
    fn against_caretaker_is_centred_bounded_and_monotone() {
        assert_eq!(against_caretaker(40.0, 40.0, 10.0), 50.0);
        assert!((against_caretaker(50.0, 40.0, 10.0) - 75.0).abs() < 1e-12);
        assert!((against_caretaker(30.0, 40.0, 10.0) - 25.0).abs() < 1e-12);
        let mut last = 0.0;
        for d in -300..=300 {
            let v = against_caretaker(f64::from(d), 0.0, 10.0);
            assert!(v > 0.0 && v < 100.0 && v >= last, "d {d}: {v}");
            last = v;
        }
    }

    #[test]
    fn exhaustion_rises_continuously_with_hours() {
        let p = Params::default();
        let eq = |h: f64| {
            let mut x = 20.0;
            for _ in 0..200 {
                x = exhaustion_step(x, h, 0.0, 0.0, 0.0, &p);
            }
            x
        };
        let xs: Vec<f64> = [40.0, 42.0, 44.0, 46.0, 50.0, 60.0]
            .iter()
            .map(|&h| eq(h))
            .collect();
        for pair in xs.windows(2) {
            assert!(pair[1] >= pair[0], "equilibria {xs:?}");
        }
        assert!(xs[5] > 60.0 && xs[0] < 5.0, "equilibria {xs:?}");
    }

    #[test]
    fn shield_cost_matches_the_worked_example() {
        assert!((shield_cost(0.9, 1.0, 50.0) - 6.3).abs() < 1e-9);
    }

    #[test]
    fn perceived_progress_echoes_the_plan() {
        let p = perceived_progress(0.4, 0.7, 0.4);
        assert!(p - 0.4 >= 0.15, "perceived {p}");
        assert_eq!(perceived_progress(0.9, 0.5, 0.4), 0.9);
    }
}

//! Components and resources of the simulation world (MODEL.md §3).
//!
//! Entities: people, teams, initiatives, dependencies, stakeholders and products, each carrying
//! its stable id. Singletons are resources. All numbers are `f64`; all collections that are ever
//! iterated are ordered (Vec sorted by id or BTreeMap) so runs are deterministic.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::model::domain::{InteractionMode, Pillar};
pub use crate::model::happened::{Happened, LogEntry, Subject};

use crate::model::action::ActionKind;

use crate::model::eq::OvertimePolicy;
use crate::model::queue::FifoLane;
use crate::model::{
    Contribs, DemandId, DependencyId, InitiativeId, Params, PersonId, ProductId, StakeholderId,
    TeamId,
};
use crate::scenario::{
    DemandKind, InitiativeKind, Metric, Role, Segment, StakeholderRole, TeamKind,
};

/// Skills on the four pillars, indexed by `Pillar`.
pub type Skills = [f64; 4];

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Contract {
    Employee,
    Contractor { end_week: u32 },
}

/// A person (MODEL.md §3.1).
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub team: TeamId,
    pub role: Role,
    pub level: u8,
    pub skills: Skills,
    pub pending: Skills,
    pub tenure_w: f64,
    pub assimilation: f64,
    pub a_max: f64,
    pub onboarding: f64,
    pub hours: f64,
    pub exhaustion: f64,
    pub chronic: f64,
    pub engagement: f64,
    pub trust_in_leader: f64,
    pub weeks_since_1on1: f64,
    pub weeks_since_growth: f64,
    /// Weeks of notice left once resigned.
    pub notice: Option<u32>,
    pub salary_w: f64,
    pub contract: Contract,
    pub mentor: Option<PersonId>,
    pub brilliant_jerk: bool,
    /// Latent flight risk (hidden until a 1:1 or stay interview reveals it): hazard ×2.
    pub flight_risk: bool,
    pub owns_components: bool,
    pub retention_until: u32,
    /// Week until which a stay interview lowers this person's hazard.
    #[serde(default)]
    pub stay_until: u32,
    pub away_until: u32,
    pub lent_until: u32,
    pub weeks_x_high: u32,
    /// Skill points vested per week, for the 8-week and annual growth windows.
    pub vested_log: VecDeque<f64>,
    pub vested_total: f64,
    pub flight_risk_revealed: bool,
    pub drivers_revealed: bool,
    /// Hazard computed this week (expected, for RET and the stay interview).
    pub hazard: f64,
    /// Raw capacity this week, points.
    pub raw: f64,
    /// How unsettled a recent move to another team leaves them, in priority-churn events
    /// (`reteam_unsettle`, fading like the team's churn).
    #[serde(default)]
    pub unsettled: f64,
}

/// How a person reacts (issue 13, "people, not rows"): multipliers on what crunch (their hours
/// above 40), recognition (1:1s and shared credit) and priority churn do to them, from their
/// traits as written in the scenario or drawn from the seed (`eq::temperament`). 1 is neutral.
/// (The state hash writes it right after `PersonDrivers`.)
#[derive(Component, Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct Temperament {
    pub crunch: f64,
    pub recognition: f64,
    pub change: f64,
}

impl Temperament {
    pub const NEUTRAL: Temperament = Temperament {
        crunch: 1.0,
        recognition: 1.0,
        change: 1.0,
    };

    /// The temperament of person `id` with `traits`, for `seed` (its own random stream, so no
    /// other draw moves).
    pub fn of(
        traits: &[crate::model::domain::Trait],
        seed: u64,
        id: PersonId,
        p: &crate::model::Params,
    ) -> Self {
        use crate::model::rng::{Purpose, Stream};
        let draws = [0u32, 1, 2].map(|axis| {
            Stream::new(seed, Purpose::Temperament, u64::from(id.0), 0, axis).uniform()
        });
        let [crunch, recognition, change] = crate::model::eq::temperament(traits, draws, p);
        Temperament {
            crunch,
            recognition,
            change,
        }
    }

    /// What sets this person apart, in plain words (empty when neutral on every axis).
    pub fn words(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.crunch < 1.0 {
            v.push("takes crunch well");
        } else if self.crunch > 1.0 {
            v.push("worn down by crunch");
        }
        if self.recognition > 1.0 {
            v.push("recognition matters a lot to them");
        } else if self.recognition < 1.0 {
            v.push("motivated from within");
        }
        if self.change < 1.0 {
            v.push("enjoys change, even a move to another team");
        } else if self.change > 1.0 {
            v.push("needs stability: changes and moves unsettle them");
        }
        v
    }
}

/// What moves a person's engagement, exhaustion and trust in the leader, and how they got where
/// they are (MODEL.md §9.3): a contribution ledger per stock, the starting values and terms the
/// targets are measured from, and the recent events that feed them. Only the people phases,
/// actions that pulse a person and the score read it, so it lives beside `Person`, not in it.
/// (The state hash writes `Person` and then this, field by field in this order.)
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct PersonDrivers {
    pub engagement_ledger: Contribs,
    pub exhaustion_ledger: Contribs,
    pub tl_ledger: Contribs,
    /// Week of the last 1:1 (a second one the same week adds nothing).
    pub last_1on1: Option<u32>,
    /// Engagement target bonus from pulses (mentor benefit, retention fairness...).
    pub e_pulse: f64,
    /// Starting values and starting target terms: targets are `x0 + Σ(term − term0)`, so a
    /// caretaker policy holds the scenario's initial values (MODEL.md §17.4 "Scenario start").
    pub e0: f64,
    pub tl0: f64,
    pub e_terms0: Contribs,
    pub tl_terms0: Contribs,
    /// Skill vested since the last growth event.
    pub growth_accum: f64,
    /// Exhaustion at spawn (the exhaustion ledger's starting line).
    pub x_start: f64,
}

impl PersonDrivers {
    /// A person's drivers when they arrive with this engagement, trust and exhaustion.
    pub fn arriving(engagement: f64, trust_in_leader: f64, exhaustion: f64) -> Self {
        PersonDrivers {
            engagement_ledger: Contribs::default(),
            exhaustion_ledger: Contribs::initial(exhaustion),
            tl_ledger: Contribs::default(),
            last_1on1: None,
            e_pulse: 0.0,
            e0: engagement,
            tl0: trust_in_leader,
            e_terms0: Contribs::default(),
            tl_terms0: Contribs::default(),
            growth_accum: 0.0,
            x_start: exhaustion,
        }
    }

    /// Exhaustion at spawn (the ledger's starting line).
    pub fn exhaustion_ledger_start(&self) -> f64 {
        self.x_start
    }
}

impl Person {
    pub fn is_available(&self, week: u32) -> bool {
        week >= self.away_until && week >= self.lent_until
    }
}

/// A capacity modifier with an expiry and a cause (§17.1).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct CapacityModifier {
    pub multiplier: f64,
    pub until_week: u32,
    pub cause: String,
}

fn full_fit() -> f64 {
    1.0
}

/// A team (MODEL.md §3.2).
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    pub kind: TeamKind,
    pub codebase: f64,
    pub debt: f64,
    pub psych_safety: f64,
    pub autonomy: f64,
    pub discovery_share: f64,
    pub debt_share: f64,
    pub service_share: f64,
    pub wip_limit: u32,
    pub quality: f64,
    pub analytics: f64,
    pub platform_maturity: f64,
    pub outcome_mission: bool,
    pub vision: f64,
    pub assimilation_tau: f64,
    /// Reporting obligations (status overhead each).
    pub status_obligations: Vec<f64>,
    /// Who each obligation reports to (one obligation per stakeholder).
    pub status_sources: Vec<crate::model::StakeholderId>,
    pub pressure: f64,
    pub churn_events: f64,
    pub blame_recent: f64,
    pub failures_recent: f64,
    pub inquiries_recent: f64,
    pub responsibility_recent: f64,
    pub layoff_recent: f64,
    pub modifiers: Vec<CapacityModifier>,
    pub lane: FifoLane,
    pub lane_inflow: f64,
    pub incident_load: f64,
    pub imposed_share: f64,
    // Derived each week.
    pub headcount: f64,
    pub capacity: f64,
    pub delivery_capacity: f64,
    pub discovery_capacity: f64,
    pub debt_capacity: f64,
    pub service_capacity: f64,
    pub utilisation: f64,
    pub cognitive_load: f64,
    pub schedule_pressure: f64,
    pub weeks_under_pressure: f64,
    pub westrum: [f64; 6],
    pub empowerment: f64,
    pub honesty: f64,
    pub detected_total: f64,
    pub escaped_total: f64,
    pub shipped_points: f64,
    pub good_output_total: f64,
    pub discovery_progress: f64,
    pub metric_reviews: f64,
    pub ps_ledger: Contribs,
    pub debt_ledger: Contribs,
    pub customer_contact: bool,
    pub forming_until: u32,
    pub ps0: f64,
    pub ps_terms0: Contribs,
    pub autonomy0: f64,
    /// Nominal 40-hour delivery capacity (for schedule pressure, §17.3).
    pub nominal_delivery: f64,
    pub active_items: usize,
    pub blocked_items: usize,
    pub experiments_4w: VecDeque<f64>,
    pub defend_events: Vec<(u32, f64)>,
    pub credit_events: Vec<(u32, f64)>,
    pub responsibility_events: Vec<u32>,
    pub broken_promises: Vec<u32>,
    pub shielded: f64,
    pub exposed: f64,
    pub idle_capacity: f64,
    pub mean_exhaustion: f64,
    /// Mean domain and UX skill of the members (for discovery quality), set each turn.
    pub mean_domain: f64,
    pub mean_ux: f64,
    /// Capacity other teams lent this team's service lane last week by swarming on the work
    /// they wait for (served this week, then cleared).
    #[serde(default)]
    pub swarm_help: f64,
    /// Soft skill of the people who speak for the team (mean of its PMs and EMs; of everyone
    /// when it has neither), set each turn: negotiation, stakeholder communication and
    /// collaboration go through them.
    #[serde(default)]
    pub leads_soft: f64,
    /// Team-development skill of the team's coach (its best EM; an average 50 when it has
    /// none), set each turn: coaching grows the others and ramps new hires up.
    #[serde(default)]
    pub coach_td: f64,
    /// Domain skill of the team's product people (mean of its PMs, analysts and designers; of
    /// everyone when it has none), set each turn: how well what it ships fits its users.
    #[serde(default)]
    pub product_domain: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum InitiativeState {
    Backlog,
    Discovery,
    Delivery,
    Blocked,
    Shipped,
    Killed,
}

impl InitiativeState {
    /// Where the work stands, in plain words.
    pub fn label(self) -> &'static str {
        match self {
            InitiativeState::Backlog => "Waiting to start",
            InitiativeState::Discovery => "Being explored",
            InitiativeState::Delivery => "Being built",
            InitiativeState::Blocked => "Blocked",
            InitiativeState::Shipped => "Shipped",
            InitiativeState::Killed => "Stopped",
        }
    }
}

/// The hidden effect vector of an initiative.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Effect {
    pub activation: f64,
    pub churn_mult: f64,
    pub acquisition: f64,
    pub arpu: f64,
    pub value_fit: f64,
}

impl Effect {
    pub fn scaled(&self, k: f64) -> Effect {
        Effect {
            activation: self.activation * k,
            // churn multipliers scale in log space.
            churn_mult: if self.churn_mult > 0.0 {
                self.churn_mult.powf(k)
            } else {
                1.0
            },
            acquisition: self.acquisition * k,
            arpu: self.arpu * k,
            value_fit: self.value_fit * k,
        }
    }
}

/// A product bet or work package (MODEL.md §3.3).
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Initiative {
    pub id: InitiativeId,
    pub name: String,
    pub team: TeamId,
    pub product: ProductId,
    pub kind: InitiativeKind,
    pub sponsor: Option<StakeholderId>,
    pub size: f64,
    pub good_done: f64,
    pub hidden_rework: f64,
    pub max_parallel: u32,
    pub hit: bool,
    pub effect: Effect,
    pub belief: f64,
    pub experiments_run: u32,
    pub deadline: Option<u32>,
    pub fixed_scope: bool,
    pub cost_of_delay: f64,
    pub market_window: Option<u32>,
    pub deps: Vec<DependencyId>,
    pub state: InitiativeState,
    pub ship_week: Option<u32>,
    pub escaped: f64,
    pub quality_at_ship: f64,
    pub late_at_ship: f64,
    /// How well what shipped fits what users need, from the domain skill of the team's product
    /// people when it shipped (× its effects; 1 at domain 50).
    #[serde(default = "full_fit")]
    pub fit_at_ship: f64,
    /// Imposed by a stakeholder (not chosen by the team).
    pub imposed: bool,
    pub no_discovery: bool,
    pub planned_start: u32,
    pub planned_weeks: f64,
    pub perceived: f64,
    pub revealed: bool,
    pub disclosed: bool,
    pub core_fraction: f64,
    pub descoped: bool,
    pub blocked_weeks: u32,
    pub backlog_order: u32,
    pub plan_base: f64,
    pub created_week: u32,
    pub behind_experiment: bool,
    pub counted_missed: bool,
    /// Running cost while open, $/week (vendors, cloud, agencies).
    pub weekly_cost: f64,
    /// Credit for this ship was shared or taken (it counts once).
    #[serde(default)]
    pub credited: bool,
    /// The player's last forecast of its ship date, if any.
    #[serde(default)]
    pub forecast: Option<ShipForecast>,
}

/// A Monte Carlo forecast of an initiative's ship date, as the player and the stakeholders saw
/// it (§6.6): 50 % and 85 % likely by these weeks.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct ShipForecast {
    pub made: u32,
    pub p50: u32,
    pub p85: u32,
    /// The 85 % week passed with the work still open: the forecast was broken.
    pub broken: bool,
}

impl Initiative {
    pub fn remaining(&self) -> f64 {
        (self.size - self.good_done - self.hidden_rework).max(0.0)
    }
    pub fn true_frac(&self) -> f64 {
        if self.size <= 0.0 {
            1.0
        } else {
            (self.good_done / self.size).clamp(0.0, 1.0)
        }
    }
    pub fn is_open(&self) -> bool {
        !matches!(
            self.state,
            InitiativeState::Shipped | InitiativeState::Killed
        )
    }
}

/// A dependency edge (MODEL.md §3.4).
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Dependency {
    pub id: DependencyId,
    pub consumer: TeamId,
    pub provider: TeamId,
    pub initiative: InitiativeId,
    pub work: f64,
    pub remaining: f64,
    pub distributed: bool,
    pub requested_week: Option<u32>,
    pub requested_at: f64,
    pub done_at: Option<f64>,
    pub eta_estimate: f64,
    pub blocked_weeks: u32,
}

/// A relation between two teams: mode, alignment and congruence (MODEL.md §8.3).
///
/// Two teams without a recorded relation behave exactly like the default relation: ad hoc,
/// neutral alignment 0.5, no socio-technical congruence.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Relation {
    pub mode: InteractionMode,
    pub mode_since: u32,
    pub alignment: f64,
    pub aligned_until: u32,
    pub congruence: f64,
    pub connecting_until: u32,
}

impl Default for Relation {
    fn default() -> Self {
        Relation {
            mode: InteractionMode::AdHoc,
            mode_since: 0,
            alignment: 0.5,
            aligned_until: 0,
            congruence: 0.0,
            connecting_until: 0,
        }
    }
}

/// A stakeholder (MODEL.md §3.5).
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Stakeholder {
    pub id: StakeholderId,
    pub name: String,
    pub role: StakeholderRole,
    pub power: f64,
    pub waterfall: f64,
    pub ability: f64,
    pub benevolence: f64,
    pub integrity: f64,
    pub anxiety: f64,
    pub alignment: f64,
    pub goals: BTreeMap<Metric, f64>,
    pub demand_kinds: Vec<DemandKind>,
    /// Weeks of recent events (windows are evaluated against the clock).
    pub meetings: Vec<u32>,
    pub missed: Vec<u32>,
    pub declined: Vec<u32>,
    pub watermelons: Vec<u32>,
    pub broken_promises: Vec<u32>,
    pub transparency: Vec<u32>,
    pub forecast_hits: f64,
    pub escalated_until: u32,
    pub last_crunch_pc: Option<u32>,
    /// Additive pulses on trust targets (reframe successes, disclosures...).
    pub pulses: Vec<Pulse>,
    pub a0: f64,
    pub b0: f64,
    pub i0: f64,
    pub anxiety0: f64,
    pub ability_ledger: Contribs,
    pub benevolence_ledger: Contribs,
    pub integrity_ledger: Contribs,
}

impl Stakeholder {
    pub fn trust(&self) -> f64 {
        crate::model::eq::stakeholder_trust(self.ability, self.benevolence, self.integrity)
    }
}

/// Which stock a pulse adds to (§17.2: pulses add to targets, never write stocks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PulseStock {
    Ability,
    Benevolence,
    Integrity,
    Anxiety,
    Engagement,
    TrustInLeader,
    Safety,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pulse {
    pub stock: PulseStock,
    pub amount: f64,
    pub start_week: u32,
    pub half_life: f64,
    pub driver: crate::model::Driver,
}

impl Pulse {
    pub fn value(&self, week: u32) -> f64 {
        let age = f64::from(week.saturating_sub(self.start_week));
        self.amount * 0.5f64.powf(age / self.half_life.max(0.5))
    }
}

/// A product line (MODEL.md §3.6).
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Product {
    pub id: ProductId,
    pub name: String,
    pub segment: Segment,
    pub users: f64,
    pub signups_base: f64,
    pub activation: f64,
    pub a_base: f64,
    pub monthly_churn: f64,
    pub c_base: f64,
    pub paying_share: f64,
    pub arpu_month: f64,
    pub value_fit: f64,
    pub vf0: f64,
    pub reliability: f64,
    pub nps: f64,
    pub pmf: f64,
    pub escaped_stock: f64,
    pub incidents: VecDeque<u32>,
    pub revenue_w: f64,
    pub revenue0: f64,
    /// Sum of shipped effect levels last week (VF adds the difference).
    pub vf_effect_prev: f64,
    pub vf_ledger: Contribs,
    /// Noisy dashboard values (what the player sees without a metric review).
    pub dashboard: Dashboard,
    pub cohorts: VecDeque<f64>,
    pub shocks: f64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Dashboard {
    pub activation: f64,
    pub monthly_churn: f64,
    pub users: f64,
    pub revenue_w: f64,
    pub nps: f64,
    pub true_values_week: Option<u32>,
}

/// A pending stakeholder demand (§7.1).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Demand {
    pub id: DemandId,
    pub from: StakeholderId,
    pub kind: DemandKind,
    pub team: TeamId,
    pub intensity: f64,
    pub arrived: u32,
    pub respond_by: u32,
    pub reframe_failed: bool,
    /// Escalated once and upheld: it must now be answered another way.
    #[serde(default)]
    pub escalated: bool,
}

/// An open requisition or contractor order.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Requisition {
    pub team: TeamId,
    pub level: u8,
    pub role: Role,
    pub contractor: bool,
    pub opened: u32,
    pub fills_week: u32,
    pub onboarding: bool,
    pub seq: u32,
    pub contract_weeks: u32,
}

/// The leader (player) as a resource (§3.7).
#[derive(Resource, Clone, Debug, Serialize, Deserialize)]
pub struct Leader {
    pub ap_per_week: f64,
    pub ap_left: f64,
    pub overdraft_debt: f64,
    pub political_capital: f64,
    pub exhaustion: f64,
    pub skills: Skills,
    pub forecast_week: Option<u32>,
}

#[derive(Resource, Clone, Debug, Serialize, Deserialize)]
pub struct Budget {
    pub quarter_total: f64,
    /// The next quarter's budget (cuts carry over); /13 is the weekly allowance now in force.
    pub next_quarter_total: f64,
    /// Sum of the weekly allowances so far this quarter (spend is compared with this).
    pub allowance_to_date: f64,
    pub last_quarter_spent: f64,
    pub last_quarter_allowance: f64,
    pub quarter_spent: f64,
    pub total_spent: f64,
    pub total_budget: f64,
    pub tooling_weekly: f64,
    pub freeze: bool,
    pub revenue_plan_week: f64,
    pub cut_fraction: f64,
}

#[derive(Resource, Clone, Debug, Serialize, Deserialize)]
pub struct Market {
    pub heat: f64,
    pub shock_rate: f64,
}

#[derive(Resource, Clone, Debug, Serialize, Deserialize)]
pub struct Clock {
    /// The week being played (1-based); 0 before the first turn.
    pub week: u32,
    pub weeks: u32,
    /// True while the caretaker epilogue runs (§17.5).
    pub epilogue: bool,
}

#[derive(Resource, Clone, Debug, Deref)]
pub struct SimParams(pub Params);

/// Master seed and scenario identity.
#[derive(Resource, Clone, Debug, Serialize, Deserialize)]
pub struct RunInfo {
    pub seed: u64,
    pub scenario_id: String,
    pub scenario_hash: u64,
}

/// Org-wide policy and state not owned by one entity.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct Org {
    pub overtime_policy: OvertimePolicyState,
    #[serde(with = "pair_map")]
    pub relations: BTreeMap<(TeamId, TeamId), Relation>,
    pub demands: Vec<Demand>,
    pub requisitions: Vec<Requisition>,
    pub next_demand: u32,
    pub next_person: u32,
    pub next_initiative: u32,
    pub next_req: u32,
    pub demos: Vec<u32>,
    pub disclosures: Vec<u32>,
    pub action_weeks: ActionWeeks,
    pub layoffs: u32,
    pub voluntary_exits: u32,
    pub exits: Vec<(u32, PersonId, bool)>,
    pub hires: u32,
    pub shipped: Vec<InitiativeId>,
    pub throughput: VecDeque<f64>,
    pub cost_of_delay_lost: f64,
    /// Indexes (into the scenario's `scripted_events`) of the scripted events that took effect.
    pub fired_events: Vec<usize>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OvertimePolicyState(pub OvertimePolicy);

/// Delayed effects queue (§3.7): (apply week, seq) → effect.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct DelayedEffects(pub BTreeMap<(u32, u32), DelayedEffect>, pub u32);

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum DelayedEffect {
    BudgetArrives(f64),
}

/// Notable things that happened this week (for the summary and the debrief timeline).
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct WeekLog {
    pub entries: Vec<LogEntry>,
}

impl WeekLog {
    pub fn push(&mut self, week: u32, kind: &str, text: impl Into<String>) {
        self.entries.push(LogEntry {
            week,
            kind: kind.into(),
            text: text.into(),
            happened: None,
            about: Vec::new(),
        });
    }

    /// A line that records what happened and to whom (see `Happened`).
    pub fn record(
        &mut self,
        week: u32,
        kind: &str,
        happened: Happened,
        about: Vec<Subject>,
        text: impl Into<String>,
    ) {
        self.entries.push(LogEntry {
            week,
            kind: kind.into(),
            text: text.into(),
            happened: Some(happened),
            about,
        });
    }
}

/// Who is on which team this turn: people entities per team in person-id order. A per-turn
/// cache, rebuilt right after the staffing phase (the last one that changes who is where), for
/// the phases that walk teams' members. Derived, so not part of the state hash.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct Roster(pub BTreeMap<TeamId, Vec<Entity>>);

/// What each stakeholder says when they make a demand, from the scenario (`says`): content for
/// the player's eyes, not state (the scenario's hash covers it, so the state hash leaves it out).
#[derive(Resource, Clone, Debug, Default)]
pub struct DemandVoices(pub BTreeMap<(StakeholderId, DemandKind), String>);

/// The names of people who have left (resigned, laid off, contract ended), so what the player
/// did with them still reads with their name ("1:1 with Ana") after they are gone. Not part
/// of the state hash: nothing in the simulation reads it.
#[derive(Resource, Clone, Debug, Default)]
pub struct FormerNames(pub BTreeMap<PersonId, String>);

/// Maps stable ids to entities; rebuilt on spawn and whenever entities are added or removed.
#[derive(Resource, Clone, Debug, Default)]
pub struct Index {
    pub teams: BTreeMap<TeamId, Entity>,
    pub people: BTreeMap<PersonId, Entity>,
    pub initiatives: BTreeMap<InitiativeId, Entity>,
    pub dependencies: BTreeMap<DependencyId, Entity>,
    pub stakeholders: BTreeMap<StakeholderId, Entity>,
    pub products: BTreeMap<ProductId, Entity>,
}

/// Scenario objectives with their resolved baselines.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct Objectives(pub Vec<ObjectiveState>);

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ObjectiveState {
    pub metric: Metric,
    pub product: ProductId,
    pub baseline: f64,
    pub target: f64,
    pub weight: f64,
    pub value: f64,
}

/// Set of revealed hidden facts (for the first-90-days scenario's "reveal" goal).
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct Revealed(pub BTreeSet<String>);

impl Org {
    /// The relation between two teams, named either way round; teams without one have the
    /// default relation (ad hoc, neutral alignment, no congruence).
    pub fn relation(&self, a: TeamId, b: TeamId) -> Relation {
        self.relations
            .get(&crate::sim::actions::pair(a, b))
            .cloned()
            .unwrap_or_default()
    }
}

/// What a week of the action record is about: an applied action of a kind, or credit shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionMark {
    Kind(ActionKind),
    /// Credit shared for a shipped initiative (recorded beside the `share_credit` action).
    CreditShared,
}

impl ActionMark {
    /// The name the record is written under (an action's log name).
    pub fn name(self) -> &'static str {
        match self {
            ActionMark::Kind(k) => k.as_str(),
            ActionMark::CreditShared => "credit_shared",
        }
    }

    fn from_name(name: &str) -> Option<ActionMark> {
        if name == "credit_shared" {
            return Some(ActionMark::CreditShared);
        }
        ActionKind::ALL
            .iter()
            .find(|k| k.as_str() == name)
            .map(|k| ActionMark::Kind(*k))
    }
}

/// The weeks in which each kind of action was applied (the debrief's "your actions in weeks …").
/// Written as a map from the kinds' names in name order, as it always was, so the state hash
/// and saved worlds do not depend on the order of the `ActionKind` enum.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActionWeeks(pub BTreeMap<ActionMark, Vec<u32>>);

impl ActionWeeks {
    /// Records that an action of this kind (or this mark) was applied in week `w`.
    pub fn record(&mut self, mark: ActionMark, w: u32) {
        self.0.entry(mark).or_default().push(w);
    }

    /// The weeks an action of kind `k` was applied in.
    pub fn of(&self, k: ActionKind) -> Option<&Vec<u32>> {
        self.0.get(&ActionMark::Kind(k))
    }
}

impl Serialize for ActionWeeks {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let by_name: BTreeMap<&str, &Vec<u32>> =
            self.0.iter().map(|(k, v)| (k.name(), v)).collect();
        by_name.serialize(s)
    }
}

impl<'de> Deserialize<'de> for ActionWeeks {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let by_name = BTreeMap::<String, Vec<u32>>::deserialize(d)?;
        let mut out = ActionWeeks::default();
        for (name, weeks) in by_name {
            let mark = ActionMark::from_name(&name).ok_or_else(|| {
                serde::de::Error::custom(format!("unknown action kind \"{name}\""))
            })?;
            out.0.insert(mark, weeks);
        }
        Ok(out)
    }
}

/// Serializes a map keyed by team pairs as a list (JSON maps need string keys).
mod pair_map {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Relation;
    use crate::model::TeamId;

    pub fn serialize<S: Serializer>(
        m: &BTreeMap<(TeamId, TeamId), Relation>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        m.iter().collect::<Vec<_>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<(TeamId, TeamId), Relation>, D::Error> {
        Ok(Vec::<((TeamId, TeamId), Relation)>::deserialize(d)?
            .into_iter()
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_weeks_are_written_by_name_in_name_order_and_read_back() {
        let mut weeks = ActionWeeks::default();
        // Enum order (OneOnOne before VisionSession before Blame...) is not name order.
        weeks.record(ActionMark::Kind(ActionKind::VisionSession), 1);
        weeks.record(ActionMark::Kind(ActionKind::OneOnOne), 2);
        weeks.record(ActionMark::Kind(ActionKind::OneOnOne), 3);
        weeks.record(ActionMark::CreditShared, 4);
        weeks.record(ActionMark::Kind(ActionKind::Blame), 5);
        let json = serde_json::to_string(&weeks).expect("serialize");
        assert_eq!(
            json,
            r#"{"blame":[5],"credit_shared":[4],"one_on_one":[2,3],"vision_session":[1]}"#
        );
        let back: ActionWeeks = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, weeks);
        assert_eq!(weeks.of(ActionKind::OneOnOne), Some(&vec![2, 3]));
        assert!(serde_json::from_str::<ActionWeeks>(r#"{"juggle":[1]}"#).is_err());
    }
}

//! The serde mirror of a scenario file: exactly what a trainer writes, unknown fields refused.
//!
//! Every field a trainer may leave out has a documented default, so a file overrides only what
//! it needs. Ids are plain strings here; `resolve` turns them into typed indices.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The domain enums are written in files by these names.
pub use crate::model::domain::{
    DemandKind, InitiativeKind, Metric, Role, Segment, StakeholderRole, StartState, TeamKind, Trait,
};

use crate::model::Params;

fn one() -> f64 {
    1.0
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename = "Scenario", deny_unknown_fields)]
pub struct RawScenario {
    pub id: String,
    pub title: String,
    pub lesson: String,
    #[serde(default)]
    pub briefing: String,
    /// 1 (gentle) to 5 (hard).
    #[serde(default = "default_difficulty")]
    pub difficulty: u8,
    #[serde(default)]
    pub seed: u64,
    pub weeks: u32,
    /// A guided scenario: the window shows hints that walk a first-time player through the
    /// interface (the org map, the details panel, the inbox, End week and the summary), and
    /// the picker lists it first. Changes nothing in the simulation.
    #[serde(default)]
    pub guided: bool,
    #[serde(default)]
    pub value_draw: ValueDraw,
    #[serde(default)]
    pub params: Params,
    #[serde(default)]
    pub leader: RawLeader,
    #[serde(default)]
    pub budget: RawBudget,
    #[serde(default)]
    pub market: RawMarket,
    pub products: Vec<RawProduct>,
    pub teams: Vec<RawTeam>,
    #[serde(default)]
    pub initiatives: Vec<RawInitiative>,
    #[serde(default)]
    pub stakeholders: Vec<RawStakeholder>,
    #[serde(default)]
    pub scripted_events: Vec<RawScriptedEvent>,
    #[serde(default)]
    pub objectives: Vec<RawObjective>,
    /// Golden test plans: lines of play with the scores they should reach (`orgcraft check`).
    #[serde(default)]
    pub plans: Vec<RawPlan>,
}

fn default_difficulty() -> u8 {
    2
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum ValueDraw {
    /// Each undrawn idea is a hit with probability p₀.
    #[default]
    Independent,
    /// Exactly round(p₀·N) hits among N undrawn ideas: less luck in short scenarios.
    ShuffleBag,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawLeader {
    pub ap_per_week: Option<f64>,
    pub political_capital: f64,
    pub skills: RawSkills,
}

impl Default for RawLeader {
    fn default() -> Self {
        RawLeader {
            ap_per_week: None,
            political_capital: 40.0,
            skills: RawSkills::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RawSkills {
    pub soft: f64,
    pub team_dev: f64,
    pub domain: f64,
    pub craft: f64,
}

impl Default for RawSkills {
    fn default() -> Self {
        RawSkills {
            soft: 50.0,
            team_dev: 50.0,
            domain: 50.0,
            craft: 50.0,
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawBudget {
    /// Budget per 13-week quarter, $. 0 means 13 × (weekly salaries + initiatives' weekly costs):
    /// exactly what a caretaker spends, so finance starts on plan.
    pub quarter_total: f64,
    /// Quarter lines for discretionary spend, $.
    pub tooling: f64,
    pub training: f64,
    pub discovery: f64,
    /// Revenue plan per week, $ (FIN); 0 means "starting revenue".
    pub revenue_plan_week: f64,
}

impl Default for RawBudget {
    fn default() -> Self {
        RawBudget {
            quarter_total: 0.0,
            tooling: 20_000.0,
            training: 10_000.0,
            discovery: 10_000.0,
            revenue_plan_week: 0.0,
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawMarket {
    /// Talent-market heat, multiplies attrition (0.5–2.0; 1 is neutral).
    pub heat: f64,
    /// Chance per week of a market shock (competitor launch).
    pub shock_rate: f64,
}

impl Default for RawMarket {
    fn default() -> Self {
        RawMarket {
            heat: 1.0,
            shock_rate: 1.0 / 26.0,
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawProduct {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub segment: Segment,
    pub users: f64,
    pub signups_base: f64,
    pub activation: f64,
    /// Monthly churn; default by segment.
    #[serde(default)]
    pub monthly_churn: Option<f64>,
    #[serde(default = "default_paying")]
    pub paying_share: f64,
    #[serde(default = "default_arpu")]
    pub arpu_month: f64,
    #[serde(default = "default_vf")]
    pub value_fit: f64,
    #[serde(default = "default_rel")]
    pub reliability: f64,
}

fn default_paying() -> f64 {
    0.1
}
fn default_arpu() -> f64 {
    40.0
}
fn default_vf() -> f64 {
    55.0
}
fn default_rel() -> f64 {
    85.0
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTeam {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: TeamKind,
    #[serde(default = "default_codebase")]
    pub codebase_size: f64,
    #[serde(default = "default_debt")]
    pub tech_debt: f64,
    #[serde(default = "default_ps")]
    pub psych_safety: f64,
    #[serde(default = "default_autonomy")]
    pub autonomy: f64,
    #[serde(default)]
    pub discovery_share: f64,
    #[serde(default = "default_debt_share")]
    pub debt_share: f64,
    /// Service lane share for dependency requests; default 0.2 platform, 0.1 otherwise.
    #[serde(default)]
    pub service_share: Option<f64>,
    #[serde(default = "default_wip")]
    pub wip_limit: u32,
    #[serde(default = "default_quality")]
    pub quality_practice: f64,
    #[serde(default = "default_analytics")]
    pub analytics: f64,
    #[serde(default)]
    pub platform_maturity: f64,
    /// True if the team holds an outcome objective rather than a feature list.
    #[serde(default)]
    pub outcome_mission: bool,
    #[serde(default = "default_vision")]
    pub vision: f64,
    /// Assimilation time constant of this codebase, weeks (6 small, 10 medium, 16 large).
    #[serde(default)]
    pub assimilation_tau: Option<f64>,
    pub members: Vec<RawPerson>,
}

fn default_codebase() -> f64 {
    600.0
}
fn default_debt() -> f64 {
    30.0
}
fn default_ps() -> f64 {
    55.0
}
fn default_autonomy() -> f64 {
    0.5
}
fn default_debt_share() -> f64 {
    0.1
}
fn default_wip() -> u32 {
    2
}
fn default_quality() -> f64 {
    0.4
}
fn default_analytics() -> f64 {
    0.2
}
fn default_vision() -> f64 {
    0.5
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    pub name: String,
    #[serde(default = "default_role")]
    pub role: Role,
    #[serde(default = "default_level")]
    pub level: u8,
    #[serde(default = "default_tenure")]
    pub tenure_weeks: u32,
    /// Skills; default by level (30 + 10·level).
    #[serde(default)]
    pub skills: Option<RawSkills>,
    #[serde(default = "default_engagement")]
    pub engagement: f64,
    #[serde(default = "default_exhaustion")]
    pub exhaustion: f64,
    #[serde(default = "default_tl")]
    pub trust_in_leader: f64,
    /// Loaded salary $/week; default by level (2,000 + 500·level).
    #[serde(default)]
    pub salary_week: Option<f64>,
    #[serde(default)]
    pub traits: Vec<Trait>,
    #[serde(default)]
    pub weeks_since_growth: u32,
}

fn default_role() -> Role {
    Role::Engineer
}
fn default_level() -> u8 {
    3
}
fn default_tenure() -> u32 {
    80
}
fn default_engagement() -> f64 {
    55.0
}
fn default_exhaustion() -> f64 {
    25.0
}
fn default_tl() -> f64 {
    55.0
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawEffect {
    /// Activation points added (0.02 = +2 pts).
    pub activation: f64,
    /// Multiplier on churn (0.9 = −10 %); 0 means "no effect" (treated as 1).
    pub churn_mult: f64,
    /// Relative change in signups.
    pub acquisition: f64,
    /// Relative change in ARPU.
    pub arpu: f64,
    /// Value-fit points added.
    pub value_fit: f64,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawHidden {
    pub hit: bool,
    #[serde(default)]
    pub effect: Option<RawEffect>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawDependency {
    pub provider: String,
    pub work: f64,
    #[serde(default)]
    pub distributed: bool,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawInitiative {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub team: String,
    /// Product it affects; default the first product.
    #[serde(default)]
    pub product: Option<String>,
    #[serde(default)]
    pub kind: InitiativeKind,
    #[serde(default)]
    pub state: StartState,
    pub size: f64,
    #[serde(default)]
    pub done: f64,
    #[serde(default = "default_parallel")]
    pub max_parallel: u32,
    #[serde(default)]
    pub deadline_week: Option<u32>,
    #[serde(default)]
    pub fixed_scope: bool,
    #[serde(default)]
    pub sponsor: Option<String>,
    #[serde(default)]
    pub cost_of_delay: f64,
    #[serde(default)]
    pub market_window: Option<u32>,
    /// Hidden truth; drawn from the prior (and `value_draw`) when absent.
    #[serde(default)]
    pub hidden: Option<RawHidden>,
    /// Scale of the effect when drawn: the scenario's unit effect vector.
    #[serde(default)]
    pub effect_scale: Option<RawEffect>,
    /// Share of the scope that is the core when descoped.
    #[serde(default = "default_core")]
    pub core_fraction: f64,
    #[serde(default)]
    pub deps: Vec<RawDependency>,
    /// Weeks the plan allows (for perceived progress); default from the deadline or size.
    #[serde(default)]
    pub planned_weeks: Option<u32>,
    /// Share of the work status reports claim is done at week 0 (the plan's view; ≥ done/size).
    #[serde(default)]
    pub reported_done: Option<f64>,
    /// Running cost while the initiative is open, $/week (vendors, cloud, agencies); killing
    /// or finishing it stops the spend.
    #[serde(default)]
    pub weekly_cost: f64,
}

fn default_parallel() -> u32 {
    4
}
fn default_core() -> f64 {
    0.6
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTrust {
    pub ability: f64,
    pub benevolence: f64,
    pub integrity: f64,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawStakeholder {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub role: StakeholderRole,
    pub power: f64,
    pub waterfall: f64,
    pub trust: RawTrust,
    #[serde(default = "default_anxiety")]
    pub anxiety: f64,
    #[serde(default = "default_alignment")]
    pub alignment: f64,
    /// What they care about: metric → weight.
    #[serde(default)]
    pub goals: BTreeMap<Metric, f64>,
    /// Demand kinds this stakeholder makes when anxious.
    #[serde(default)]
    pub demands: Vec<DemandKind>,
    /// What they say when they make a demand, by kind, in their own voice
    /// (`FixedPlan: "I need every feature of {team} on a dated plan by week {due}."`). `{team}`
    /// becomes the team's name and `{due}` the week an answer is due; kinds left out use the
    /// game's wording.
    #[serde(default)]
    pub says: BTreeMap<DemandKind, String>,
}

fn default_anxiety() -> f64 {
    40.0
}
fn default_alignment() -> f64 {
    0.4
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawScriptedEvent {
    pub week: u32,
    pub event: RawEvent,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub enum RawEvent {
    /// A stakeholder makes a specific demand of a team.
    Demand {
        from: String,
        kind: DemandKind,
        team: String,
        #[serde(default = "one")]
        intensity: f64,
    },
    /// The quarter budget is cut by a fraction (0.2 = −20 %).
    BudgetCut { fraction: f64 },
    /// A competitor launch or regulation moves value fit.
    MarketShock { value_fit: f64 },
    /// A named person resigns (notice starts).
    Resignation { person: String },
    /// Talent-market heat changes.
    MarketHeat { heat: f64 },
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawObjective {
    pub metric: Metric,
    #[serde(default)]
    pub product: Option<String>,
    /// Baseline; default the metric's value at week 0.
    #[serde(default)]
    pub baseline: Option<f64>,
    pub target: f64,
    #[serde(default = "one")]
    pub weight: f64,
}

/// A golden test plan: a scripted line of play and the score bands it should land in.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub name: String,
    /// What this line of play is and why it should pass or fail (shown by `check`).
    #[serde(default)]
    pub description: String,
    /// The bot that makes every decision the steps do not make; default "caretaker".
    #[serde(default = "default_plan_policy")]
    pub policy: String,
    /// Answer every waterfall demand this way, overriding the bot (default: the bot decides).
    #[serde(default)]
    pub respond: Option<crate::model::action::Response>,
    /// Scripted decisions, in addition to the bot's.
    #[serde(default)]
    pub steps: Vec<RawStep>,
    /// How many seeds to play (the scenario's seed and the ones after it).
    #[serde(default = "default_plan_seeds")]
    pub seeds: u32,
    pub expect: RawExpect,
}

fn default_plan_policy() -> String {
    "caretaker".into()
}
fn default_plan_seeds() -> u32 {
    10
}

/// One scripted decision: in week `week`, submit `action` (ids written as names).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub week: u32,
    /// An `Action`, e.g. `OneOnOne(person: "Ana")`; kept as text until the names are known.
    pub action: Box<ron::value::RawValue>,
}

/// What a plan must show: the median over its seeds inside each band given, and each expected
/// event in the log of at least half the seeds.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpect {
    #[serde(default)]
    pub culture: Option<(f64, f64)>,
    #[serde(default)]
    pub product: Option<(f64, f64)>,
    #[serde(default)]
    pub combined: Option<(f64, f64)>,
    /// Text the run's event log must contain (case-insensitive), e.g. "resigns".
    #[serde(default)]
    pub events: Vec<String>,
}

//! Everything the player (or a bot) can do, as data: the `Action` enum that decision logs,
//! saves and test plans record, the answers to a demand, an action's price and a refusal.
//! Plain Rust: how an action is priced and applied lives with the simulation (`sim::actions`).

use serde::{Deserialize, Serialize};

use super::domain::{InteractionMode, Pillar, Role};
use super::eq::OvertimePolicy;
use super::{DemandId, InitiativeId, PersonId, ProductId, StakeholderId, TeamId};

/// How the leader answers a stakeholder demand (§6.3, §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    Comply,
    Shield,
    Reframe,
    Escalate,
}

/// Everything the player (or a bot) can do. Serialized into decision logs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    // §6.1 People: hire, develop, retain.
    OpenRequisition {
        team: TeamId,
        role: Role,
        level: u8,
    },
    StructuredOnboarding {
        person: PersonId,
    },
    HireContractors {
        team: TeamId,
        count: u32,
    },
    OneOnOne {
        person: PersonId,
    },
    Mentor {
        person: PersonId,
        pillar: Pillar,
    },
    PairMentor {
        mentee: PersonId,
        mentor: PersonId,
    },
    Training {
        person: PersonId,
        pillar: Pillar,
    },
    StayInterview {
        person: PersonId,
    },
    RetentionRaise {
        person: PersonId,
    },
    RecoveryWeek {
        person: PersonId,
    },
    Layoff {
        people: Vec<PersonId>,
    },
    DevelopManager {
        person: PersonId,
    },
    // §6.2 Inspire, recognise, take responsibility.
    VisionSession,
    StrategySession {
        stakeholder: StakeholderId,
    },
    ShareCredit {
        initiative: InitiativeId,
    },
    TakeCredit {
        initiative: InitiativeId,
    },
    TakeResponsibility {
        team: TeamId,
    },
    Blame {
        team: TeamId,
    },
    BlamelessReview {
        team: TeamId,
    },
    // §6.3 Defend.
    Respond {
        demand: DemandId,
        response: Response,
    },
    DemoDay {
        team: TeamId,
    },
    DiscloseSlip {
        initiative: InitiativeId,
    },
    // §6.4 Allocate budget and capacity.
    SetDiscoveryShare {
        team: TeamId,
        share: f64,
    },
    SetDebtShare {
        team: TeamId,
        share: f64,
    },
    SetWipLimit {
        team: TeamId,
        limit: u32,
    },
    Tooling {
        team: TeamId,
    },
    Analytics {
        team: TeamId,
    },
    PlatformInvestment {
        team: TeamId,
    },
    RequestBudget {
        amount: f64,
    },
    SetOvertimePolicy {
        policy: OvertimePolicy,
    },
    // §6.5 Connect.
    BrokerAlignment {
        a: TeamId,
        b: TeamId,
    },
    ConnectTeams {
        a: TeamId,
        b: TeamId,
    },
    SetInteractionMode {
        a: TeamId,
        b: TeamId,
        mode: InteractionMode,
    },
    Reteam {
        person: PersonId,
        to: TeamId,
    },
    // §6.6 Data-driven.
    ReviewMetrics {
        product: ProductId,
    },
    RunExperiment {
        initiative: InitiativeId,
    },
    Forecast {
        initiative: InitiativeId,
    },
    KillInitiative {
        initiative: InitiativeId,
    },
    Descope {
        initiative: InitiativeId,
    },
}

impl Action {
    /// A short stable name (for logs, the ledger and tests).
    pub fn kind(&self) -> &'static str {
        use Action::*;
        match self {
            OpenRequisition { .. } => "open_requisition",
            StructuredOnboarding { .. } => "structured_onboarding",
            HireContractors { .. } => "hire_contractors",
            OneOnOne { .. } => "one_on_one",
            Mentor { .. } => "mentor",
            PairMentor { .. } => "pair_mentor",
            Training { .. } => "training",
            StayInterview { .. } => "stay_interview",
            RetentionRaise { .. } => "retention_raise",
            RecoveryWeek { .. } => "recovery_week",
            Layoff { .. } => "layoff",
            DevelopManager { .. } => "develop_manager",
            VisionSession => "vision_session",
            StrategySession { .. } => "strategy_session",
            ShareCredit { .. } => "share_credit",
            TakeCredit { .. } => "take_credit",
            TakeResponsibility { .. } => "take_responsibility",
            Blame { .. } => "blame",
            BlamelessReview { .. } => "blameless_review",
            Respond {
                response: Response::Comply,
                ..
            } => "comply",
            Respond {
                response: Response::Shield,
                ..
            } => "shield",
            Respond {
                response: Response::Reframe,
                ..
            } => "reframe",
            Respond {
                response: Response::Escalate,
                ..
            } => "escalate",
            DemoDay { .. } => "demo_day",
            DiscloseSlip { .. } => "disclose_slip",
            SetDiscoveryShare { .. } => "set_discovery_share",
            SetDebtShare { .. } => "set_debt_share",
            SetWipLimit { .. } => "set_wip_limit",
            Tooling { .. } => "tooling",
            Analytics { .. } => "analytics",
            PlatformInvestment { .. } => "platform_investment",
            RequestBudget { .. } => "request_budget",
            SetOvertimePolicy { .. } => "set_overtime_policy",
            BrokerAlignment { .. } => "broker_alignment",
            ConnectTeams { .. } => "connect_teams",
            SetInteractionMode { .. } => "set_interaction_mode",
            Reteam { .. } => "reteam",
            ReviewMetrics { .. } => "review_metrics",
            RunExperiment { .. } => "run_experiment",
            Forecast { .. } => "forecast",
            KillInitiative { .. } => "kill_initiative",
            Descope { .. } => "descope",
        }
    }
}

/// The price of an action. Negative PC means the action *earns* political capital.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    pub ap: f64,
    pub pc: f64,
    pub money: f64,
}

/// Why an action was refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    pub action: String,
    pub reason: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} refused: {}", self.action, self.reason)
    }
}

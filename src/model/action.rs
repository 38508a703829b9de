//! Everything the player (or a bot) can do, as data: the `Action` enum that decision logs,
//! saves and test plans record, the answers to a demand, the kind and family of an action
//! (`ActionKind`, `ActionFamily`), an action's price and a refusal.
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

impl Response {
    /// The response as a verb, as its button reads.
    pub fn label(self) -> &'static str {
        match self {
            Response::Comply => "Comply",
            Response::Shield => "Shield",
            Response::Reframe => "Reframe",
            Response::Escalate => "Escalate",
        }
    }
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
    /// What kind of action this is; `kind().as_str()` is its short stable name (for logs, the
    /// ledger and tests).
    pub fn kind(&self) -> ActionKind {
        use Action::*;
        match self {
            OpenRequisition { .. } => ActionKind::OpenRequisition,
            StructuredOnboarding { .. } => ActionKind::StructuredOnboarding,
            HireContractors { .. } => ActionKind::HireContractors,
            OneOnOne { .. } => ActionKind::OneOnOne,
            Mentor { .. } => ActionKind::Mentor,
            PairMentor { .. } => ActionKind::PairMentor,
            Training { .. } => ActionKind::Training,
            StayInterview { .. } => ActionKind::StayInterview,
            RetentionRaise { .. } => ActionKind::RetentionRaise,
            RecoveryWeek { .. } => ActionKind::RecoveryWeek,
            Layoff { .. } => ActionKind::Layoff,
            DevelopManager { .. } => ActionKind::DevelopManager,
            VisionSession => ActionKind::VisionSession,
            StrategySession { .. } => ActionKind::StrategySession,
            ShareCredit { .. } => ActionKind::ShareCredit,
            TakeCredit { .. } => ActionKind::TakeCredit,
            TakeResponsibility { .. } => ActionKind::TakeResponsibility,
            Blame { .. } => ActionKind::Blame,
            BlamelessReview { .. } => ActionKind::BlamelessReview,
            Respond { response, .. } => match response {
                Response::Comply => ActionKind::Comply,
                Response::Shield => ActionKind::Shield,
                Response::Reframe => ActionKind::Reframe,
                Response::Escalate => ActionKind::Escalate,
            },
            DemoDay { .. } => ActionKind::DemoDay,
            DiscloseSlip { .. } => ActionKind::DiscloseSlip,
            SetDiscoveryShare { .. } => ActionKind::SetDiscoveryShare,
            SetDebtShare { .. } => ActionKind::SetDebtShare,
            SetWipLimit { .. } => ActionKind::SetWipLimit,
            Tooling { .. } => ActionKind::Tooling,
            Analytics { .. } => ActionKind::Analytics,
            PlatformInvestment { .. } => ActionKind::PlatformInvestment,
            RequestBudget { .. } => ActionKind::RequestBudget,
            SetOvertimePolicy { .. } => ActionKind::SetOvertimePolicy,
            BrokerAlignment { .. } => ActionKind::BrokerAlignment,
            ConnectTeams { .. } => ActionKind::ConnectTeams,
            SetInteractionMode { .. } => ActionKind::SetInteractionMode,
            Reteam { .. } => ActionKind::Reteam,
            ReviewMetrics { .. } => ActionKind::ReviewMetrics,
            RunExperiment { .. } => ActionKind::RunExperiment,
            Forecast { .. } => ActionKind::Forecast,
            KillInitiative { .. } => ActionKind::KillInitiative,
            Descope { .. } => ActionKind::Descope,
        }
    }
}

/// What kind of action an `Action` is: one kind per variant, and the answer to a demand by its
/// response (`Respond` is `Comply`, `Shield`, `Reframe` or `Escalate`). Serialized as the short
/// stable name (`as_str`) that logs, the ledger and JSON output carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActionKind {
    #[serde(rename = "open_requisition")]
    OpenRequisition,
    #[serde(rename = "structured_onboarding")]
    StructuredOnboarding,
    #[serde(rename = "hire_contractors")]
    HireContractors,
    #[serde(rename = "one_on_one")]
    OneOnOne,
    #[serde(rename = "mentor")]
    Mentor,
    #[serde(rename = "pair_mentor")]
    PairMentor,
    #[serde(rename = "training")]
    Training,
    #[serde(rename = "stay_interview")]
    StayInterview,
    #[serde(rename = "retention_raise")]
    RetentionRaise,
    #[serde(rename = "recovery_week")]
    RecoveryWeek,
    #[serde(rename = "layoff")]
    Layoff,
    #[serde(rename = "develop_manager")]
    DevelopManager,
    #[serde(rename = "vision_session")]
    VisionSession,
    #[serde(rename = "strategy_session")]
    StrategySession,
    #[serde(rename = "share_credit")]
    ShareCredit,
    #[serde(rename = "take_credit")]
    TakeCredit,
    #[serde(rename = "take_responsibility")]
    TakeResponsibility,
    #[serde(rename = "blame")]
    Blame,
    #[serde(rename = "blameless_review")]
    BlamelessReview,
    #[serde(rename = "comply")]
    Comply,
    #[serde(rename = "shield")]
    Shield,
    #[serde(rename = "reframe")]
    Reframe,
    #[serde(rename = "escalate")]
    Escalate,
    #[serde(rename = "demo_day")]
    DemoDay,
    #[serde(rename = "disclose_slip")]
    DiscloseSlip,
    #[serde(rename = "set_discovery_share")]
    SetDiscoveryShare,
    #[serde(rename = "set_debt_share")]
    SetDebtShare,
    #[serde(rename = "set_wip_limit")]
    SetWipLimit,
    #[serde(rename = "tooling")]
    Tooling,
    #[serde(rename = "analytics")]
    Analytics,
    #[serde(rename = "platform_investment")]
    PlatformInvestment,
    #[serde(rename = "request_budget")]
    RequestBudget,
    #[serde(rename = "set_overtime_policy")]
    SetOvertimePolicy,
    #[serde(rename = "broker_alignment")]
    BrokerAlignment,
    #[serde(rename = "connect_teams")]
    ConnectTeams,
    #[serde(rename = "set_interaction_mode")]
    SetInteractionMode,
    #[serde(rename = "reteam")]
    Reteam,
    #[serde(rename = "review_metrics")]
    ReviewMetrics,
    #[serde(rename = "run_experiment")]
    RunExperiment,
    #[serde(rename = "forecast")]
    Forecast,
    #[serde(rename = "kill_initiative")]
    KillInitiative,
    #[serde(rename = "descope")]
    Descope,
}

/// The families of actions (MODEL.md §6.1–§6.6); `sim::actions` prices and applies each family
/// in its own file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActionFamily {
    /// §6.1 People: hire, develop, retain.
    People,
    /// §6.2 Inspire, recognise, take responsibility.
    InspireAndCredit,
    /// §6.3 Defend: answer demands, demo, disclose.
    Defend,
    /// §6.4 Allocate budget and capacity.
    Allocate,
    /// §6.5 Connect: dependencies and structure.
    Connect,
    /// §6.6 Data-driven decisions.
    Data,
}

impl ActionKind {
    /// Every kind, in the order of the `Action` enum (demand answers in `Response` order).
    pub const ALL: [ActionKind; 42] = {
        use ActionKind::*;
        [
            OpenRequisition,
            StructuredOnboarding,
            HireContractors,
            OneOnOne,
            Mentor,
            PairMentor,
            Training,
            StayInterview,
            RetentionRaise,
            RecoveryWeek,
            Layoff,
            DevelopManager,
            VisionSession,
            StrategySession,
            ShareCredit,
            TakeCredit,
            TakeResponsibility,
            Blame,
            BlamelessReview,
            Comply,
            Shield,
            Reframe,
            Escalate,
            DemoDay,
            DiscloseSlip,
            SetDiscoveryShare,
            SetDebtShare,
            SetWipLimit,
            Tooling,
            Analytics,
            PlatformInvestment,
            RequestBudget,
            SetOvertimePolicy,
            BrokerAlignment,
            ConnectTeams,
            SetInteractionMode,
            Reteam,
            ReviewMetrics,
            RunExperiment,
            Forecast,
            KillInitiative,
            Descope,
        ]
    };

    /// The kind in a few plain words, for lists a player or facilitator reads ("1:1",
    /// "shield from a demand").
    pub fn label(self) -> &'static str {
        use ActionKind::*;
        match self {
            OpenRequisition => "open a requisition",
            StructuredOnboarding => "structured onboarding",
            HireContractors => "hire contractors",
            OneOnOne => "1:1",
            Mentor => "mentoring",
            PairMentor => "pair mentoring",
            Training => "training",
            StayInterview => "stay interview",
            RetentionRaise => "retention raise",
            RecoveryWeek => "recovery week",
            Layoff => "layoff",
            DevelopManager => "develop a manager",
            VisionSession => "vision session",
            StrategySession => "strategy session",
            ShareCredit => "share credit",
            TakeCredit => "take credit",
            TakeResponsibility => "take responsibility",
            Blame => "blame",
            BlamelessReview => "blameless review",
            Comply => "comply with a demand",
            Shield => "shield from a demand",
            Reframe => "reframe a demand",
            Escalate => "escalate a demand",
            DemoDay => "demo day",
            DiscloseSlip => "disclose a slip",
            SetDiscoveryShare => "discovery share",
            SetDebtShare => "debt paydown share",
            SetWipLimit => "work-in-progress limit",
            Tooling => "tooling",
            Analytics => "analytics",
            PlatformInvestment => "platform investment",
            RequestBudget => "budget request",
            SetOvertimePolicy => "overtime policy",
            BrokerAlignment => "broker alignment",
            ConnectTeams => "connect teams",
            SetInteractionMode => "interaction mode",
            Reteam => "move a person",
            ReviewMetrics => "review metrics",
            RunExperiment => "run an experiment",
            Forecast => "forecast",
            KillInitiative => "stop an initiative",
            Descope => "descope",
        }
    }

    /// A short stable name (for logs, the ledger and tests); the kind's serialized form.
    pub fn as_str(self) -> &'static str {
        use ActionKind::*;
        match self {
            OpenRequisition => "open_requisition",
            StructuredOnboarding => "structured_onboarding",
            HireContractors => "hire_contractors",
            OneOnOne => "one_on_one",
            Mentor => "mentor",
            PairMentor => "pair_mentor",
            Training => "training",
            StayInterview => "stay_interview",
            RetentionRaise => "retention_raise",
            RecoveryWeek => "recovery_week",
            Layoff => "layoff",
            DevelopManager => "develop_manager",
            VisionSession => "vision_session",
            StrategySession => "strategy_session",
            ShareCredit => "share_credit",
            TakeCredit => "take_credit",
            TakeResponsibility => "take_responsibility",
            Blame => "blame",
            BlamelessReview => "blameless_review",
            Comply => "comply",
            Shield => "shield",
            Reframe => "reframe",
            Escalate => "escalate",
            DemoDay => "demo_day",
            DiscloseSlip => "disclose_slip",
            SetDiscoveryShare => "set_discovery_share",
            SetDebtShare => "set_debt_share",
            SetWipLimit => "set_wip_limit",
            Tooling => "tooling",
            Analytics => "analytics",
            PlatformInvestment => "platform_investment",
            RequestBudget => "request_budget",
            SetOvertimePolicy => "set_overtime_policy",
            BrokerAlignment => "broker_alignment",
            ConnectTeams => "connect_teams",
            SetInteractionMode => "set_interaction_mode",
            Reteam => "reteam",
            ReviewMetrics => "review_metrics",
            RunExperiment => "run_experiment",
            Forecast => "forecast",
            KillInitiative => "kill_initiative",
            Descope => "descope",
        }
    }

    /// The family the kind belongs to (the section of MODEL.md §6 and of the `Action` enum).
    pub fn family(self) -> ActionFamily {
        use ActionKind::*;
        match self {
            OpenRequisition | StructuredOnboarding | HireContractors | OneOnOne | Mentor
            | PairMentor | Training | StayInterview | RetentionRaise | RecoveryWeek | Layoff
            | DevelopManager => ActionFamily::People,
            VisionSession | StrategySession | ShareCredit | TakeCredit | TakeResponsibility
            | Blame | BlamelessReview => ActionFamily::InspireAndCredit,
            Comply | Shield | Reframe | Escalate | DemoDay | DiscloseSlip => ActionFamily::Defend,
            SetDiscoveryShare | SetDebtShare | SetWipLimit | Tooling | Analytics
            | PlatformInvestment | RequestBudget | SetOvertimePolicy => ActionFamily::Allocate,
            BrokerAlignment | ConnectTeams | SetInteractionMode | Reteam => ActionFamily::Connect,
            ReviewMetrics | RunExperiment | Forecast | KillInitiative | Descope => {
                ActionFamily::Data
            }
        }
    }
}

impl std::fmt::Display for ActionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An action of kind `k`: an exhaustive match, so a new kind breaks this test's build until
    /// it has an example here.
    fn example(k: ActionKind) -> Action {
        use ActionKind as K;
        let (team, person, initiative) = (TeamId(0), PersonId(0), InitiativeId(0));
        let respond = |response| Action::Respond {
            demand: DemandId(0),
            response,
        };
        match k {
            K::OpenRequisition => Action::OpenRequisition {
                team,
                role: Role::Engineer,
                level: 3,
            },
            K::StructuredOnboarding => Action::StructuredOnboarding { person },
            K::HireContractors => Action::HireContractors { team, count: 1 },
            K::OneOnOne => Action::OneOnOne { person },
            K::Mentor => Action::Mentor {
                person,
                pillar: Pillar::Craft,
            },
            K::PairMentor => Action::PairMentor {
                mentee: person,
                mentor: PersonId(1),
            },
            K::Training => Action::Training {
                person,
                pillar: Pillar::Craft,
            },
            K::StayInterview => Action::StayInterview { person },
            K::RetentionRaise => Action::RetentionRaise { person },
            K::RecoveryWeek => Action::RecoveryWeek { person },
            K::Layoff => Action::Layoff {
                people: vec![person],
            },
            K::DevelopManager => Action::DevelopManager { person },
            K::VisionSession => Action::VisionSession,
            K::StrategySession => Action::StrategySession {
                stakeholder: StakeholderId(0),
            },
            K::ShareCredit => Action::ShareCredit { initiative },
            K::TakeCredit => Action::TakeCredit { initiative },
            K::TakeResponsibility => Action::TakeResponsibility { team },
            K::Blame => Action::Blame { team },
            K::BlamelessReview => Action::BlamelessReview { team },
            K::Comply => respond(Response::Comply),
            K::Shield => respond(Response::Shield),
            K::Reframe => respond(Response::Reframe),
            K::Escalate => respond(Response::Escalate),
            K::DemoDay => Action::DemoDay { team },
            K::DiscloseSlip => Action::DiscloseSlip { initiative },
            K::SetDiscoveryShare => Action::SetDiscoveryShare { team, share: 0.1 },
            K::SetDebtShare => Action::SetDebtShare { team, share: 0.1 },
            K::SetWipLimit => Action::SetWipLimit { team, limit: 3 },
            K::Tooling => Action::Tooling { team },
            K::Analytics => Action::Analytics { team },
            K::PlatformInvestment => Action::PlatformInvestment { team },
            K::RequestBudget => Action::RequestBudget { amount: 1.0 },
            K::SetOvertimePolicy => Action::SetOvertimePolicy {
                policy: OvertimePolicy::Default,
            },
            K::BrokerAlignment => Action::BrokerAlignment {
                a: team,
                b: TeamId(1),
            },
            K::ConnectTeams => Action::ConnectTeams {
                a: team,
                b: TeamId(1),
            },
            K::SetInteractionMode => Action::SetInteractionMode {
                a: team,
                b: TeamId(1),
                mode: InteractionMode::Collaboration,
            },
            K::Reteam => Action::Reteam {
                person,
                to: TeamId(1),
            },
            K::ReviewMetrics => Action::ReviewMetrics {
                product: ProductId(0),
            },
            K::RunExperiment => Action::RunExperiment { initiative },
            K::Forecast => Action::Forecast { initiative },
            K::KillInitiative => Action::KillInitiative { initiative },
            K::Descope => Action::Descope { initiative },
        }
    }

    /// Every `ActionKind` variant, found without `ALL`: serde's derived visitor reads a variant
    /// by its index, so indices are tried until one is out of range.
    fn declared_kinds() -> Vec<ActionKind> {
        use serde::de::IntoDeserializer;
        use serde::de::value::{Error, U32Deserializer};
        (0u32..)
            .map_while(|i| {
                let d: U32Deserializer<Error> = i.into_deserializer();
                ActionKind::deserialize(d).ok()
            })
            .collect()
    }

    #[test]
    fn all_lists_every_kind_once_in_declaration_order() {
        assert_eq!(ActionKind::ALL.to_vec(), declared_kinds());
    }

    #[test]
    fn every_kind_has_a_unique_name_that_round_trips_through_serde() {
        let mut names = std::collections::BTreeSet::new();
        for k in ActionKind::ALL {
            assert!(names.insert(k.as_str()), "{k:?}: name used twice");
            assert_eq!(k.to_string(), k.as_str());
            let json = serde_json::to_string(&k).expect("serialize");
            assert_eq!(json, format!("\"{}\"", k.as_str()));
            let back: ActionKind = serde_json::from_str(&json).expect("deserialize");
            assert_eq!(back, k);
        }
    }

    #[test]
    fn every_kind_is_the_kind_of_an_action_and_every_action_variant_has_a_kind() {
        for k in ActionKind::ALL {
            assert_eq!(example(k).kind(), k);
        }
        // `Action::kind` is an exhaustive match, so every variant has a kind: one kind per
        // variant, except `Respond`, which has one per `Response`.
        let answers = ActionKind::ALL
            .iter()
            .filter(|k| matches!(example(**k), Action::Respond { .. }))
            .count();
        assert_eq!(answers, 4);
    }

    #[test]
    fn every_family_has_kinds() {
        use ActionFamily::*;
        for f in [People, InspireAndCredit, Defend, Allocate, Connect, Data] {
            assert!(ActionKind::ALL.iter().any(|k| k.family() == f), "{f:?}");
        }
    }
}

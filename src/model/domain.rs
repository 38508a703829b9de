//! The domain's vocabulary: the kinds of teams, roles, initiatives, stakeholders, demands,
//! metrics, skill pillars and interaction modes. Plain Rust (no Bevy, no file format): the
//! scenario format, the simulation and the actions all speak it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub enum Segment {
    Smb,
    MidMarket,
    Enterprise,
    Consumer,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Default)]
pub enum TeamKind {
    #[default]
    StreamAligned,
    Platform,
    Enabling,
    ComplicatedSubsystem,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Engineer,
    Designer,
    Pm,
    Em,
    Analyst,
    Qa,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum Trait {
    BrilliantJerk,
    FlightRisk,
    OwnsComponents,
    /// Takes crunch well: overtime tires them less (`trait_crunch_resilient`).
    CrunchResilient,
    /// Worn down by crunch: overtime tires them more (`trait_crunch_sensitive`).
    CrunchSensitive,
    /// Recognition matters a lot to them: 1:1s and credit move them more.
    SeeksRecognition,
    /// Motivated from within: 1:1s and credit move them less.
    SelfMotivated,
    /// Enjoys change: priority churn costs them less.
    LovesChange,
    /// Needs stability: priority churn costs them more.
    NeedsStability,
}

impl Trait {
    /// The three reaction axes (crunch, recognition, change), each as (low pole, high pole):
    /// the low pole's multiplier is below 1, the high pole's above.
    pub const AXES: [(Trait, Trait); 3] = [
        (Trait::CrunchResilient, Trait::CrunchSensitive),
        (Trait::SelfMotivated, Trait::SeeksRecognition),
        (Trait::LovesChange, Trait::NeedsStability),
    ];
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Default)]
pub enum InitiativeKind {
    #[default]
    Feature,
    OutcomeBet,
    DebtPaydown,
    PlatformCapability,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Default)]
pub enum StartState {
    #[default]
    Backlog,
    Discovery,
    Delivery,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum StakeholderRole {
    Ceo,
    Cfo,
    SalesVp,
    Pmo,
    Marketing,
    PeerVp,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DemandKind {
    /// Fixed-scope, fixed-date plan / Gantt chart.
    FixedPlan,
    /// Detailed status / RAG / hours tracking.
    StatusReport,
    /// "Sales needs X for a deal."
    FeatureInjection,
    /// "Lend 2 engineers to project Y."
    ResourceGrab,
    /// Deadline pulled in by 2–4 weeks.
    DeadlinePullIn,
    /// "Take 6 contractors."
    StaffingSolution,
}

impl DemandKind {
    pub const ALL: [DemandKind; 6] = [
        DemandKind::FixedPlan,
        DemandKind::StatusReport,
        DemandKind::FeatureInjection,
        DemandKind::ResourceGrab,
        DemandKind::DeadlinePullIn,
        DemandKind::StaffingSolution,
    ];
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum Metric {
    Activation,
    MonthlyChurn,
    Retention6m,
    Revenue,
    Nps,
    Pmf,
    Users,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Pillar {
    Soft = 0,
    TeamDev = 1,
    Domain = 2,
    Craft = 3,
}

/// Interaction mode between two teams (Team Topologies).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum InteractionMode {
    #[default]
    AdHoc,
    Collaboration,
    XaaS,
    Facilitating,
}

// ---- Plain words: what a player or facilitator reads for each kind (never the enum name).

impl TeamKind {
    /// The Team Topologies name, spelt out.
    pub fn label(self) -> &'static str {
        match self {
            TeamKind::StreamAligned => "Stream-aligned",
            TeamKind::Platform => "Platform",
            TeamKind::Enabling => "Enabling",
            TeamKind::ComplicatedSubsystem => "Complicated-subsystem",
        }
    }
}

impl Role {
    /// The role title, spelt out.
    pub fn label(self) -> &'static str {
        match self {
            Role::Engineer => "Engineer",
            Role::Designer => "Designer",
            Role::Pm => "Product manager",
            Role::Em => "Engineering manager",
            Role::Analyst => "Analyst",
            Role::Qa => "QA engineer",
        }
    }
}

impl StakeholderRole {
    /// The stakeholder's title, spelt out.
    pub fn label(self) -> &'static str {
        match self {
            StakeholderRole::Ceo => "Chief executive",
            StakeholderRole::Cfo => "Finance chief",
            StakeholderRole::SalesVp => "Head of sales",
            StakeholderRole::Pmo => "Programme office",
            StakeholderRole::Marketing => "Head of marketing",
            StakeholderRole::PeerVp => "Peer head of department",
        }
    }
}

impl InitiativeKind {
    /// What kind of work it is, in plain words.
    pub fn label(self) -> &'static str {
        match self {
            InitiativeKind::Feature => "Feature",
            InitiativeKind::OutcomeBet => "Outcome bet",
            InitiativeKind::DebtPaydown => "Debt paydown",
            InitiativeKind::PlatformCapability => "Platform capability",
        }
    }
}

impl DemandKind {
    /// What the stakeholder asks for, in plain words.
    pub fn label(self) -> &'static str {
        match self {
            DemandKind::FixedPlan => "a fixed-scope plan with dates",
            DemandKind::StatusReport => "a status report",
            DemandKind::FeatureInjection => "an extra feature",
            DemandKind::ResourceGrab => "people lent to another project",
            DemandKind::DeadlinePullIn => "an earlier deadline",
            DemandKind::StaffingSolution => "more people on the late work",
        }
    }
}

impl InteractionMode {
    /// The Team Topologies interaction mode, spelt out.
    pub fn label(self) -> &'static str {
        match self {
            InteractionMode::AdHoc => "ad hoc (no agreed mode)",
            InteractionMode::Collaboration => "collaboration",
            InteractionMode::XaaS => "X-as-a-service",
            InteractionMode::Facilitating => "facilitating",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_words_not_identifiers() {
        let labels = [
            Role::Pm.label(),
            Role::Em.label(),
            Role::Qa.label(),
            TeamKind::StreamAligned.label(),
            StakeholderRole::Ceo.label(),
            StakeholderRole::SalesVp.label(),
            InitiativeKind::OutcomeBet.label(),
            InteractionMode::XaaS.label(),
        ];
        for l in labels.iter().chain(
            DemandKind::ALL
                .iter()
                .map(|d| d.label())
                .collect::<Vec<_>>()
                .iter(),
        ) {
            // An identifier has a capital after a lower-case letter ("OutcomeBet").
            let camel = l
                .as_bytes()
                .windows(2)
                .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
            assert!(!camel, "{l}");
        }
    }
}

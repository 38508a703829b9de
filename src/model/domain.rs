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

//! What a week's log records as having happened, typed: the event (`Happened`) and to whom
//! (`Subject`), so test plans and reports match facts, never the wording of a line.

use serde::{Deserialize, Serialize};

use super::domain::DemandKind;
use super::{InitiativeId, PersonId, StakeholderId, TeamId};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LogEntry {
    pub week: u32,
    pub kind: String,
    pub text: String,
    /// What happened, typed: test plans' expected events match this, never the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub happened: Option<Happened>,
    /// To whom or what it happened (the initiative, the person, the team, the demand's kind).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<Subject>,
}

/// The things a log line can record as having happened, each with the phrase a trainer writes
/// in a plan's `expect.events` (`"shipped onboarding"`, `"resigned Ana"`, `"hiring freeze"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Happened {
    Shipped,
    MissedDate,
    Killed,
    Watermelon,
    Resigned,
    Left,
    Hired,
    Sick,
    Demand,
    Complied,
    Shielded,
    Reframed,
    ReframeFailed,
    Escalated,
    WentAround,
    DatesCommitted,
    ContractorsSent,
    BudgetCut,
    BudgetApproved,
    BudgetDeclined,
    BudgetArrived,
    HiringFreeze,
    MarketShock,
    Snapped,
    LaidOff,
    Forecast,
    RequisitionOpened,
    RaiseEnvy,
}

impl Happened {
    pub const ALL: [Happened; 28] = [
        Happened::Shipped,
        Happened::MissedDate,
        Happened::Killed,
        Happened::Watermelon,
        Happened::Resigned,
        Happened::Left,
        Happened::Hired,
        Happened::Sick,
        Happened::Demand,
        Happened::Complied,
        Happened::Shielded,
        Happened::Reframed,
        Happened::ReframeFailed,
        Happened::Escalated,
        Happened::WentAround,
        Happened::DatesCommitted,
        Happened::ContractorsSent,
        Happened::BudgetCut,
        Happened::BudgetApproved,
        Happened::BudgetDeclined,
        Happened::BudgetArrived,
        Happened::HiringFreeze,
        Happened::MarketShock,
        Happened::Snapped,
        Happened::LaidOff,
        Happened::Forecast,
        Happened::RequisitionOpened,
        Happened::RaiseEnvy,
    ];

    /// The words for it in a plan's expected events.
    pub fn phrase(self) -> &'static str {
        match self {
            Happened::Shipped => "shipped",
            Happened::MissedDate => "missed",
            Happened::Killed => "killed",
            Happened::Watermelon => "watermelon",
            Happened::Resigned => "resigned",
            Happened::Left => "left",
            Happened::Hired => "hired",
            Happened::Sick => "sick",
            Happened::Demand => "demand",
            Happened::Complied => "complied",
            Happened::Shielded => "shielded",
            Happened::Reframed => "reframed",
            Happened::ReframeFailed => "reframe failed",
            Happened::Escalated => "escalated",
            Happened::WentAround => "went around",
            Happened::DatesCommitted => "dates committed",
            Happened::ContractorsSent => "contractors sent",
            Happened::BudgetCut => "budget cut",
            Happened::BudgetApproved => "budget approved",
            Happened::BudgetDeclined => "budget declined",
            Happened::BudgetArrived => "budget arrived",
            Happened::HiringFreeze => "hiring freeze",
            Happened::MarketShock => "market shock",
            Happened::Snapped => "snapped",
            Happened::LaidOff => "laid off",
            Happened::Forecast => "forecast",
            Happened::RequisitionOpened => "requisition opened",
            Happened::RaiseEnvy => "raise envy",
        }
    }

    /// Can a line recording this name `who`? (A "shipped" line names an initiative and its
    /// team, never a person.)
    pub fn carries(self, who: &Subject) -> bool {
        use Happened as H;
        use Subject as S;
        match self {
            H::Shipped | H::MissedDate | H::Watermelon | H::Killed => {
                matches!(who, S::Initiative(_) | S::Team(_))
            }
            H::Forecast => matches!(who, S::Initiative(_)),
            H::Resigned | H::Sick | H::LaidOff => matches!(who, S::Person(_)),
            H::Left | H::RaiseEnvy => matches!(who, S::Person(_) | S::Team(_)),
            H::Hired => matches!(who, S::Person(_) | S::Team(_) | S::Contractor),
            H::Demand
            | H::Complied
            | H::Shielded
            | H::Reframed
            | H::ReframeFailed
            | H::Escalated
            | H::WentAround
            | H::DatesCommitted
            | H::ContractorsSent => matches!(who, S::Team(_) | S::Stakeholder(_) | S::Demand(_)),
            H::RequisitionOpened | H::Snapped => matches!(who, S::Team(_)),
            H::BudgetCut
            | H::BudgetApproved
            | H::BudgetDeclined
            | H::BudgetArrived
            | H::HiringFreeze
            | H::MarketShock => false,
        }
    }

    /// What may follow the phrase, in words (for messages and the guide).
    pub fn carries_text(self) -> &'static str {
        use Happened as H;
        match self {
            H::Shipped | H::MissedDate | H::Watermelon | H::Killed => "an initiative or a team",
            H::Forecast => "an initiative",
            H::Resigned | H::Sick | H::LaidOff => "a person",
            H::Left | H::RaiseEnvy => "a person or a team",
            H::Hired => "a person, a team or contractor",
            H::RequisitionOpened | H::Snapped => "a team",
            H::BudgetCut
            | H::BudgetApproved
            | H::BudgetDeclined
            | H::BudgetArrived
            | H::HiringFreeze
            | H::MarketShock => "nothing",
            _ => "a team, a stakeholder or a demand kind",
        }
    }
}

/// Who or what a log line is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Subject {
    Team(TeamId),
    Person(PersonId),
    Initiative(InitiativeId),
    Stakeholder(StakeholderId),
    Demand(DemandKind),
    /// The person or people concerned are contractors.
    Contractor,
}

impl Subject {
    /// What kind of thing it is, in words.
    pub fn kind_label(&self) -> &'static str {
        match self {
            Subject::Team(_) => "a team",
            Subject::Person(_) => "a person",
            Subject::Initiative(_) => "an initiative",
            Subject::Stakeholder(_) => "a stakeholder",
            Subject::Demand(_) => "a demand kind",
            Subject::Contractor => "contractor",
        }
    }
}

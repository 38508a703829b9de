//! Attribution maths (MODEL.md §9.3): per-stock driver contributions that decay with the stock.
//!
//! For a first-order stock `x ← x + (Σ term_k − x)/τ` we carry `c_k ← c_k·(1 − 1/τ) + term_k/τ`,
//! so `x = baseline + Σ c_k` exactly while the update is linear. Terms are written as deviations
//! from their neutral value, so the neutral policy contributes nothing. Clamping and other
//! non-linearities land in the explicit `Residual` line; the starting state in `Initial`.

use serde::{Deserialize, Serialize};

/// A named driver of a stock. Each maps to a cause kind and, where it belongs to one, a loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum Driver {
    Initial = 0,
    Residual,
    Autonomy,
    OneOnOnes,
    Growth,
    Safety,
    Vision,
    Empowerment,
    Exhaustion,
    PriorityChurn,
    StatusOverhead,
    Blocked,
    Layoff,
    Coaching,
    Support,
    Inquiry,
    Blame,
    Pressure,
    TrustInLeader,
    BrilliantJerk,
    TeamSize,
    Overtime,
    Recovery,
    CognitiveLoad,
    Credit,
    Responsibility,
    Defended,
    BrokenPromises,
    Shipped,
    Drift,
    Incidents,
    Debt,
    DebtPaydown,
    Outcomes,
    Meetings,
    GoalsAddressed,
    Declined,
    Transparency,
    Watermelon,
    MissedCommitments,
    Forecasts,
    Retention,
    Finance,
    Customers,
    Quality,
    StakeholderTrust,
    Westrum,
    Engagement,
    Wellbeing,
    SkillGrowth,
    Contractors,
    Hiring,
    /// Too little meaningful work: a team's delivery capacity idle for want of ready work.
    Idle,
}

/// Number of drivers (size of a contribution vector).
pub const N_DRIVERS: usize = Driver::Idle as usize + 1;

/// All drivers in order.
pub const ALL_DRIVERS: [Driver; N_DRIVERS] = [
    Driver::Initial,
    Driver::Residual,
    Driver::Autonomy,
    Driver::OneOnOnes,
    Driver::Growth,
    Driver::Safety,
    Driver::Vision,
    Driver::Empowerment,
    Driver::Exhaustion,
    Driver::PriorityChurn,
    Driver::StatusOverhead,
    Driver::Blocked,
    Driver::Layoff,
    Driver::Coaching,
    Driver::Support,
    Driver::Inquiry,
    Driver::Blame,
    Driver::Pressure,
    Driver::TrustInLeader,
    Driver::BrilliantJerk,
    Driver::TeamSize,
    Driver::Overtime,
    Driver::Recovery,
    Driver::CognitiveLoad,
    Driver::Credit,
    Driver::Responsibility,
    Driver::Defended,
    Driver::BrokenPromises,
    Driver::Shipped,
    Driver::Drift,
    Driver::Incidents,
    Driver::Debt,
    Driver::DebtPaydown,
    Driver::Outcomes,
    Driver::Meetings,
    Driver::GoalsAddressed,
    Driver::Declined,
    Driver::Transparency,
    Driver::Watermelon,
    Driver::MissedCommitments,
    Driver::Forecasts,
    Driver::Retention,
    Driver::Finance,
    Driver::Customers,
    Driver::Quality,
    Driver::StakeholderTrust,
    Driver::Westrum,
    Driver::Engagement,
    Driver::Wellbeing,
    Driver::SkillGrowth,
    Driver::Contractors,
    Driver::Hiring,
    Driver::Idle,
];

/// What kind of cause a driver stands for in the debrief.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CauseKind {
    /// Driven by the player's actions of this kind.
    Action,
    /// Driven by a persistent policy setting.
    Policy,
    /// Driven by an event (stakeholder demand, incident, resignation).
    Event,
    /// A feedback loop inside the model.
    Loop,
    /// Bookkeeping lines.
    Residual,
}

impl Driver {
    /// Plain-language label used by the debrief.
    pub fn label(self) -> &'static str {
        use Driver::*;
        match self {
            Initial => "the starting situation",
            Residual => "saturation and non-linear effects",
            Autonomy => "team autonomy",
            OneOnOnes => "1:1s and recognition",
            Growth => "growth (mentoring, training)",
            Safety => "psychological safety",
            Vision => "vision clarity",
            Empowerment => "empowerment (outcome missions, discovery)",
            Exhaustion => "exhaustion",
            PriorityChurn => "priority churn and reorganisations",
            StatusOverhead => "status-reporting overhead",
            Blocked => "work blocked on dependencies",
            Layoff => "layoffs",
            Coaching => "coaching by leads and leader",
            Support => "tools, training and shielding (context support)",
            Inquiry => "how failures were handled (share met with a blameless review)",
            Blame => "blame",
            Pressure => "unshielded stakeholder pressure",
            TrustInLeader => "trust in the leader",
            BrilliantJerk => "a brilliant jerk on the team",
            TeamSize => "team size above 9",
            Overtime => "overtime",
            Recovery => "rest (recovery from the starting exhaustion)",
            CognitiveLoad => "cognitive load",
            Credit => "sharing or taking credit",
            Responsibility => "taking responsibility",
            Defended => "defending the team from demands",
            BrokenPromises => "broken promises",
            Shipped => "shipped initiatives",
            Drift => "competitor drift",
            Incidents => "incidents",
            Debt => "technical debt",
            DebtPaydown => "debt paydown",
            Outcomes => "outcome progress",
            Meetings => "stakeholder meetings",
            GoalsAddressed => "stakeholder goals addressed",
            Declined => "demands declined or sponsored work stopped, without an alternative",
            Transparency => "demos and disclosures",
            Watermelon => "watermelon reveals",
            MissedCommitments => "missed commitments",
            Forecasts => "forecasts that came true",
            Retention => "retention",
            Finance => "finances",
            Customers => "customer sentiment",
            Quality => "quality",
            StakeholderTrust => "stakeholder trust",
            Westrum => "information flow (Westrum)",
            Engagement => "engagement",
            Wellbeing => "wellbeing",
            SkillGrowth => "skill growth",
            Contractors => "contractors",
            Hiring => "hiring",
            Idle => "too little meaningful work (idle teams)",
        }
    }

    pub fn cause_kind(self) -> CauseKind {
        use Driver::*;
        match self {
            Initial | Residual => CauseKind::Residual,
            OneOnOnes | Growth | Vision | Coaching | Inquiry | Blame | Credit | Responsibility
            | Defended | Meetings | Transparency | Layoff | Contractors | Hiring | DebtPaydown => {
                CauseKind::Action
            }
            Autonomy | Empowerment | Support | Overtime | Recovery | StatusOverhead => {
                CauseKind::Policy
            }
            PriorityChurn | Pressure | Incidents | Shipped | Drift | Watermelon
            | MissedCommitments | Declined | BrokenPromises | Forecasts => CauseKind::Event,
            _ => CauseKind::Loop,
        }
    }

    /// The named feedback loop this driver belongs to, if any (docs/model.md lists them).
    pub fn feedback_loop(self) -> Option<FeedbackLoop> {
        use Driver::*;
        use FeedbackLoop as L;
        Some(match self {
            Exhaustion | Overtime => L::OvertimeSpiral,
            Retention => L::AttritionSpiral,
            Hiring | Contractors => L::BrooksDrag,
            Debt => L::DebtSpiral,
            Safety | Inquiry | Coaching => L::SafetyLearning,
            Transparency | StakeholderTrust | Outcomes => L::TrustAutonomy,
            PriorityChurn | Pressure | Autonomy => L::FeatureFactory,
            Declined | Defended => L::ShieldingBudget,
            Blocked | CognitiveLoad => L::QueueCongestion,
            _ => return None,
        })
    }
}

/// A feedback loop of the model: a name a player reads and a one-line explanation of how it
/// turns (shown on hover and in reports; never the design brief's codes R1, B2, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FeedbackLoop {
    OvertimeSpiral,
    AttritionSpiral,
    BrooksDrag,
    DebtSpiral,
    SafetyLearning,
    TrustAutonomy,
    FeatureFactory,
    ShieldingBudget,
    QueueCongestion,
}

impl FeedbackLoop {
    /// Every loop, in the order the docs list them.
    pub const ALL: [FeedbackLoop; 9] = [
        FeedbackLoop::OvertimeSpiral,
        FeedbackLoop::AttritionSpiral,
        FeedbackLoop::BrooksDrag,
        FeedbackLoop::DebtSpiral,
        FeedbackLoop::SafetyLearning,
        FeedbackLoop::TrustAutonomy,
        FeedbackLoop::FeatureFactory,
        FeedbackLoop::ShieldingBudget,
        FeedbackLoop::QueueCongestion,
    ];

    /// The loop's name in plain words.
    pub fn name(self) -> &'static str {
        use FeedbackLoop::*;
        match self {
            OvertimeSpiral => "the overtime spiral",
            AttritionSpiral => "the attrition spiral",
            BrooksDrag => "Brooks's drag",
            DebtSpiral => "the debt spiral",
            SafetyLearning => "the safety and learning flywheel",
            TrustAutonomy => "the trust and autonomy flywheel",
            FeatureFactory => "the feature factory",
            ShieldingBudget => "the limits of shielding",
            QueueCongestion => "queue congestion",
        }
    }

    /// How the loop turns, in one sentence.
    pub fn explanation(self) -> &'static str {
        use FeedbackLoop::*;
        match self {
            OvertimeSpiral => {
                "Overtime buys output this week, but tired people make more mistakes, the rework \
                 makes the work later, and the lateness asks for more overtime."
            }
            AttritionSpiral => {
                "Each person who leaves puts their work and the hiring on those who stay, who get \
                 more tired and are more likely to leave too."
            }
            BrooksDrag => {
                "New people need time and the team's help before they add output, so people added \
                 to late work first make it later."
            }
            DebtSpiral => {
                "Shortcuts taken under pressure add technical debt, which slows the next work and \
                 brings more pressure and more shortcuts."
            }
            SafetyLearning => {
                "Where failures are safe to share, teams learn and discover better, their results \
                 earn room to keep it safe, and sharing gets safer still."
            }
            TrustAutonomy => {
                "Outcomes shown openly build stakeholders' trust; trusting stakeholders make fewer \
                 demands, which leaves the teams room for more outcomes."
            }
            FeatureFactory => {
                "Pressure for features crowds out discovery, fewer bets pay off, trust falls, and \
                 the pressure for features grows."
            }
            ShieldingBudget => {
                "Every demand you turn down without an alternative spends political capital, so \
                 the more you shield, the less shielding you can afford."
            }
            QueueCongestion => {
                "A busy team that others depend on makes them wait; waiting teams start more work, \
                 which adds to the load and the waiting."
            }
        }
    }
}

/// A contribution vector for one stock: a fixed array, so ledger maths never allocates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contribs(pub [f64; N_DRIVERS]);

impl Default for Contribs {
    fn default() -> Self {
        Contribs([0.0; N_DRIVERS])
    }
}

// Serde derives stop at 32-element arrays; a contribution vector is written as a list.
impl Serialize for Contribs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.as_slice().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Contribs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Vec::<f64>::deserialize(d)?;
        let mut c = Contribs::default();
        for (dst, src) in c.0.iter_mut().zip(v) {
            *dst = src;
        }
        Ok(c)
    }
}

impl Contribs {
    /// Starts a stock's ledger: its offset from the neutral baseline is the `Initial` line.
    pub fn initial(offset: f64) -> Self {
        let mut c = Contribs::default();
        c.0[Driver::Initial as usize] = offset;
        c
    }

    pub fn get(&self, d: Driver) -> f64 {
        self.0[d as usize]
    }

    pub fn add(&mut self, d: Driver, v: f64) {
        self.0[d as usize] += v;
    }

    /// One smoothing step with step fraction `k = 1/τ` and the week's terms.
    pub fn smooth(&mut self, k: f64, terms: &[(Driver, f64)]) {
        let keep = 1.0 - k;
        for c in &mut self.0 {
            *c *= keep;
        }
        for &(d, v) in terms {
            self.0[d as usize] += k * v;
        }
    }

    /// Puts the gap between the actual stock and `baseline + Σ c` into the residual line.
    pub fn reconcile(&mut self, actual: f64, baseline: f64) {
        let sum: f64 = self.0.iter().sum();
        self.0[Driver::Residual as usize] += actual - baseline - sum;
    }

    pub fn sum(&self) -> f64 {
        self.0.iter().sum()
    }

    /// `self += w·other`.
    pub fn add_scaled(&mut self, other: &Contribs, w: f64) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a += w * b;
        }
    }

    pub fn scaled(&self, w: f64) -> Contribs {
        let mut c = *self;
        for v in &mut c.0 {
            *v *= w;
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contributions_track_a_linear_stock_exactly() {
        let (baseline, tau) = (50.0, 6.0);
        let mut x: f64 = 70.0;
        let mut c = Contribs::initial(x - baseline);
        for week in 0..30 {
            let terms = [
                (Driver::Autonomy, 8.0),
                (Driver::Exhaustion, if week > 10 { -12.0 } else { 0.0 }),
            ];
            let target = baseline + terms.iter().map(|t| t.1).sum::<f64>();
            x += (target - x) / tau;
            c.smooth(1.0 / tau, &terms);
            assert!((baseline + c.sum() - x).abs() < 1e-9);
        }
        assert!(c.get(Driver::Autonomy) > 7.0 && c.get(Driver::Exhaustion) < -11.0);
    }
}

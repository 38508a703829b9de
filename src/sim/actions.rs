//! The `Action` enum (MODEL.md §6): the only way anything changes the simulation from outside.
//!
//! Every action is priced in attention points (AP), political capital (PC) and money, checked
//! against what the leader has, and either applied or refused with a reason — never a panic,
//! never a silent no-op. Actions are queued during the week and applied at the start of the turn.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::lookup;
use super::state::*;
use crate::model::eq::{self, OvertimePolicy};
use crate::model::rng::{Purpose, Stream};
use crate::model::{DemandId, Driver, InitiativeId, PersonId, ProductId, StakeholderId, TeamId};
use crate::scenario::{DemandKind, InitiativeKind, Role};

pub use crate::model::action::{Action, Cost, Refusal, Response};

/// Queued actions for the coming turn and the results of the last one.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct ActionQueue {
    pub pending: Vec<Action>,
    /// Running total of the pending actions' prices (kept in step with `pending`).
    pub pending_cost: Cost,
    pub applied: Vec<(u32, Action)>,
    pub refused: Vec<(u32, Refusal)>,
    /// True while `apply_queued` runs: prices are then checked for the current week, not for
    /// the coming one.
    #[serde(default)]
    pub applying: bool,
}

fn refuse<T>(a: &Action, reason: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal {
        action: a.kind().to_string(),
        reason: reason.into(),
    })
}

fn person(world: &World, id: PersonId) -> Option<&Person> {
    lookup::get(world, id)
}

fn team(world: &World, id: TeamId) -> Option<&Team> {
    lookup::get(world, id)
}

fn initiative(world: &World, id: InitiativeId) -> Option<&Initiative> {
    lookup::get(world, id)
}

fn stakeholder(world: &World, id: StakeholderId) -> Option<&Stakeholder> {
    lookup::get(world, id)
}

fn week(world: &World) -> u32 {
    world.resource::<Clock>().week
}

/// Money the leader can still commit this quarter (discretionary: budget minus pro-rated spend).
pub fn money_available(world: &World) -> f64 {
    let b = world.resource::<Budget>();
    (b.quarter_total * 1.1 - b.quarter_spent).max(0.0)
}

/// PC cost of overriding a sponsored, fixed-scope item (§6.6, §17.2).
fn sponsor_cost(world: &World, it: &Initiative) -> f64 {
    match it.sponsor.and_then(|s| stakeholder(world, s)) {
        Some(s) if it.fixed_scope => 5.0 * s.power * (1.0 - s.trust() / 100.0),
        _ => 0.0,
    }
}

fn recent_failure(t: &Team) -> bool {
    t.failures_recent > 0.05
}

/// Prices an action and checks its targets, without changing anything.
pub fn price(world: &World, a: &Action) -> Result<Cost, Refusal> {
    use Action::*;
    let w = week(world);
    let need_person = |id: PersonId| {
        person(world, id).map_or_else(|| refuse(a, format!("no person {}", id.0)), Ok)
    };
    let need_team =
        |id: TeamId| team(world, id).map_or_else(|| refuse(a, format!("no team {}", id.0)), Ok);
    let need_init = |id: InitiativeId| {
        initiative(world, id).map_or_else(|| refuse(a, format!("no initiative {}", id.0)), Ok)
    };
    let c = |ap: f64, pc: f64, money: f64| Ok(Cost { ap, pc, money });
    match a {
        OpenRequisition { team: t, level, .. } => {
            need_team(*t)?;
            if !(1..=5).contains(level) {
                return refuse(a, "level must be 1–5");
            }
            let b = world.resource::<Budget>();
            if b.freeze {
                return refuse(
                    a,
                    "a hiring freeze is in force (spend went above 110 % of budget)",
                );
            }
            // Over plan: more PC needed to justify the headcount.
            let pc = if b.quarter_spent > b.quarter_total * 0.9 {
                2.0
            } else {
                0.0
            };
            c(1.0, pc, 0.0)
        }
        StructuredOnboarding { person: p } => {
            let p = need_person(*p)?;
            if p.tenure_w >= 12.0 || p.onboarding > 1.0 {
                return refuse(
                    a,
                    "onboarding is for new hires (tenure < 12 weeks) not already onboarded",
                );
            }
            c(1.0, 0.0, 2_000.0)
        }
        HireContractors { team: t, count } => {
            need_team(*t)?;
            if *count == 0 || *count > 10 {
                return refuse(a, "count must be 1–10");
            }
            if world.resource::<Budget>().freeze {
                return refuse(a, "a hiring freeze is in force");
            }
            c(1.0, 1.0, 0.0)
        }
        OneOnOne { person: p } => {
            need_person(*p)?;
            // One 1:1 per person per week: a second one queued for the coming week, or (while
            // the queue is applied) one already held in the current week.
            let q = world.resource::<ActionQueue>();
            let queued = q
                .pending
                .iter()
                .any(|x| matches!(x, OneOnOne { person } if person == p));
            let held = q.applying && person(world, *p).is_some_and(|p| p.last_1on1 == Some(w));
            if queued || held {
                return refuse(a, "already had a 1:1 this week");
            }
            c(0.5, 0.0, 0.0)
        }
        Mentor { person: p, .. } => {
            need_person(*p)?;
            c(1.0, 0.0, 0.0)
        }
        PairMentor { mentee, mentor } => {
            let me = need_person(*mentee)?;
            let mo = need_person(*mentor)?;
            if mentee == mentor {
                return refuse(a, "a person cannot mentor themselves");
            }
            if mo.level <= me.level {
                return refuse(a, "the mentor must be more senior than the mentee");
            }
            c(0.5, 0.0, 0.0)
        }
        Training { person: p, .. } => {
            need_person(*p)?;
            c(0.5, 0.0, 3_000.0)
        }
        StayInterview { person: p } => {
            need_person(*p)?;
            c(0.5, 0.0, 0.0)
        }
        RetentionRaise { person: p } => {
            let p = need_person(*p)?;
            if p.retention_until > w {
                return refuse(a, "a retention raise is already active");
            }
            if matches!(p.contract, Contract::Contractor { .. }) {
                return refuse(a, "contractors do not get retention raises");
            }
            c(0.5, 1.0, p.salary_w * 0.12 * 26.0)
        }
        RecoveryWeek { person: p } => {
            let p = need_person(*p)?;
            if p.away_until > w {
                return refuse(a, "already away");
            }
            c(0.5, 0.0, 0.0)
        }
        Layoff { people } => {
            if people.is_empty() {
                return refuse(a, "name at least one person");
            }
            let mut severance = 0.0;
            for id in people {
                severance += need_person(*id)?.salary_w * 4.0;
            }
            // Severance is paid, but it is mandatory, so it does not need discretionary room.
            let _ = severance;
            c(3.0, 2.0, 0.0)
        }
        DevelopManager { person: p } => {
            let p = need_person(*p)?;
            if p.role != Role::Em && p.level < 3 {
                return refuse(a, "develop a lead: an EM or someone at level 3+");
            }
            c(1.0, 0.0, 0.0)
        }
        VisionSession => c(2.0, 0.0, 0.0),
        StrategySession { stakeholder: s } => {
            stakeholder(world, *s)
                .map_or_else(|| refuse(a, format!("no stakeholder {}", s.0)), |_| Ok(()))?;
            c(1.0, 0.0, 0.0)
        }
        ShareCredit { initiative: i } | TakeCredit { initiative: i } => {
            let it = need_init(*i)?;
            match it.ship_week {
                Some(sw) if w.saturating_sub(sw) <= 4 => {}
                _ => return refuse(a, "credit is for an initiative shipped in the last 4 weeks"),
            }
            if matches!(a, ShareCredit { .. }) {
                c(0.5, 0.0, 0.0)
            } else {
                c(0.0, -2.0, 0.0)
            }
        }
        TakeResponsibility { team: t } => {
            let t = need_team(*t)?;
            if !recent_failure(t) {
                return refuse(
                    a,
                    "there is no recent failure (incident, missed date, reveal) to take responsibility for",
                );
            }
            c(1.0, 2.0, 0.0)
        }
        Blame { team: t } => {
            let t = need_team(*t)?;
            if !recent_failure(t) {
                return refuse(a, "there is no recent failure to blame anyone for");
            }
            c(0.0, -1.0, 0.0)
        }
        BlamelessReview { team: t } => {
            let t = need_team(*t)?;
            if !recent_failure(t) {
                return refuse(a, "there is no recent failure to review");
            }
            c(1.0, 0.0, 0.0)
        }
        Respond { demand, response } => {
            let org = world.resource::<Org>();
            let Some(d) = org.demands.iter().find(|d| d.id == *demand) else {
                return refuse(a, format!("no open demand {}", demand.0));
            };
            let s = stakeholder(world, d.from)
                .map_or_else(|| refuse(a, "the demand's stakeholder is gone"), Ok)?;
            match response {
                Response::Comply => c(0.0, 0.0, 0.0),
                Response::Shield => c(1.0, eq::shield_cost(s.power, d.intensity, s.trust()), 0.0),
                Response::Reframe => {
                    if d.reframe_failed {
                        return refuse(a, "a reframe already failed: comply or shield");
                    }
                    c(2.0, 1.0, 0.0)
                }
                Response::Escalate => c(2.0, 8.0 + 7.0 * s.power, 0.0),
            }
        }
        DemoDay { team: t } => {
            need_team(*t)?;
            c(1.0, 0.0, 0.0)
        }
        DiscloseSlip { initiative: i } => {
            let it = need_init(*i)?;
            if !it.is_open() || it.disclosed {
                return refuse(a, "only an open initiative not yet disclosed");
            }
            c(1.0, 1.0, 0.0)
        }
        SetDiscoveryShare { team: t, share } | SetDebtShare { team: t, share } => {
            let tm = need_team(*t)?;
            if !share.is_finite() || !(0.0..=0.4).contains(share) {
                return refuse(a, "share must be between 0 and 0.4");
            }
            let total = match a {
                SetDiscoveryShare { .. } => share + tm.debt_share + tm.service_share,
                _ => tm.discovery_share + share + tm.service_share,
            };
            if total > 0.7 + 1e-9 {
                return refuse(
                    a,
                    format!(
                        "discovery + debt + service shares would be {total:.2}; the limit is 0.7"
                    ),
                );
            }
            c(0.5, 0.0, 0.0)
        }
        SetWipLimit { team: t, limit } => {
            need_team(*t)?;
            if !(1..=10).contains(limit) {
                return refuse(a, "WIP limit must be 1–10");
            }
            c(0.5, 0.0, 0.0)
        }
        Tooling { team: t } => {
            let tm = need_team(*t)?;
            if tm.quality >= 0.95 {
                return refuse(a, "quality practice is already at its maximum");
            }
            c(1.0, 0.0, 15_000.0)
        }
        Analytics { team: t } => {
            let tm = need_team(*t)?;
            if tm.analytics >= 0.95 {
                return refuse(a, "analytics is already at its maximum");
            }
            c(1.0, 0.0, 10_000.0)
        }
        PlatformInvestment { team: t } => {
            let tm = need_team(*t)?;
            if tm.platform_maturity >= 0.95 {
                return refuse(a, "the platform is already self-service");
            }
            c(1.0, 0.0, 20_000.0)
        }
        RequestBudget { amount } => {
            if !amount.is_finite() || *amount <= 0.0 || *amount > 1e8 {
                return refuse(a, "amount must be positive");
            }
            c(2.0, 4.0, 0.0)
        }
        SetOvertimePolicy { policy } => match policy {
            OvertimePolicy::Crunch | OvertimePolicy::Default => c(0.0, 0.0, 0.0),
            OvertimePolicy::SustainablePace => c(0.5, 0.0, 0.0),
        },
        BrokerAlignment { a: x, b: y }
        | ConnectTeams { a: x, b: y }
        | SetInteractionMode { a: x, b: y, .. } => {
            need_team(*x)?;
            need_team(*y)?;
            if x == y {
                return refuse(a, "pick two different teams");
            }
            match a {
                BrokerAlignment { .. } => c(2.0, 1.0, 0.0),
                ConnectTeams { .. } => c(1.0, 0.0, 0.0),
                _ => c(2.0, 1.0, 0.0),
            }
        }
        Reteam { person: p, to } => {
            let pp = need_person(*p)?;
            need_team(*to)?;
            if pp.team == *to {
                return refuse(a, "already in that team");
            }
            c(4.0, 3.0, 0.0)
        }
        ReviewMetrics { product } => {
            if !world.resource::<Index>().products.contains_key(product) {
                return refuse(a, format!("no product {}", product.0));
            }
            c(1.0, 0.0, 0.0)
        }
        RunExperiment { initiative: i } => {
            let it = need_init(*i)?;
            if !matches!(
                it.state,
                InitiativeState::Backlog | InitiativeState::Discovery
            ) {
                return refuse(a, "experiments run on ideas not yet in delivery");
            }
            if it.no_discovery {
                return refuse(
                    a,
                    "this injected feature allows no discovery (reframe to get a spike)",
                );
            }
            c(0.5, 0.0, 1_000.0)
        }
        Forecast { initiative: i } => {
            let it = need_init(*i)?;
            if !it.is_open() {
                return refuse(a, "only open initiatives can be forecast");
            }
            if world.resource::<Org>().throughput.len() < 6 {
                return refuse(a, "a forecast needs at least 6 weeks of throughput history");
            }
            c(1.0, 0.0, 0.0)
        }
        KillInitiative { initiative: i } => {
            let it = need_init(*i)?;
            if !it.is_open() {
                return refuse(a, "already shipped or killed");
            }
            c(0.5, sponsor_cost(world, it), 0.0)
        }
        Descope { initiative: i } => {
            let it = need_init(*i)?;
            if !it.is_open() || it.descoped {
                return refuse(a, "only an open initiative, once");
            }
            let pc = match it.sponsor.and_then(|s| stakeholder(world, s)) {
                Some(s) => 5.0 * s.power * (1.0 - s.trust() / 100.0),
                None => 0.0,
            };
            c(1.0, pc, 0.0)
        }
    }
}

/// Checks an action against what is left after the already queued ones.
pub fn check_affordable(world: &World, a: &Action, queued: &Cost) -> Result<Cost, Refusal> {
    let cost = price(world, a)?;
    let leader = world.resource::<Leader>();
    let p = &world.resource::<SimParams>().0;
    if cost.ap > 0.0
        && queued.ap + cost.ap
            > leader.ap_left + p.ap_overdraft - leader.overdraft_debt.max(0.0) + 1e-9
    {
        return refuse(
            a,
            format!(
                "needs {:.1} AP; {:.1} left this week (overdraft included)",
                cost.ap,
                (leader.ap_left + p.ap_overdraft - leader.overdraft_debt.max(0.0) - queued.ap)
                    .max(0.0)
            ),
        );
    }
    if cost.pc > 0.0 && queued.pc + cost.pc > leader.political_capital + 1e-9 {
        return refuse(
            a,
            format!(
                "needs {:.1} political capital; {:.1} available",
                cost.pc,
                (leader.political_capital - queued.pc).max(0.0)
            ),
        );
    }
    if cost.money > 0.0 && queued.money + cost.money > money_available(world) + 1e-9 {
        return refuse(
            a,
            format!(
                "needs ${:.0}; ${:.0} of budget room left this quarter",
                cost.money,
                (money_available(world) - queued.money).max(0.0)
            ),
        );
    }
    Ok(cost)
}

/// Total cost of the queued actions.
pub fn queued_cost(world: &World) -> Cost {
    world.resource::<ActionQueue>().pending_cost
}

fn add_cost(total: &mut Cost, c: &Cost, sign: f64) {
    total.ap += sign * c.ap.max(0.0);
    total.pc += sign * c.pc.max(0.0);
    total.money += sign * c.money.max(0.0);
}

/// Queues an action for this turn if it is affordable; otherwise says why not.
pub fn submit(world: &mut World, a: Action) -> Result<Cost, Refusal> {
    let queued = queued_cost(world);
    let cost = check_affordable(world, &a, &queued)?;
    let mut q = world.resource_mut::<ActionQueue>();
    q.pending.push(a);
    add_cost(&mut q.pending_cost, &cost, 1.0);
    Ok(cost)
}

/// Removes a queued action (undo before the week ends); the queue's cost is re-priced.
///
/// Each remaining action is priced against the ones queued before it (as when it was
/// submitted): pricing it against the whole queue would find itself there, and a 1:1 would
/// then read "already had a 1:1 this week" and cost nothing.
pub fn unqueue(world: &mut World, index: usize) -> Option<Action> {
    let mut pending = std::mem::take(&mut world.resource_mut::<ActionQueue>().pending);
    let removed = (index < pending.len()).then(|| pending.remove(index));
    world.resource_mut::<ActionQueue>().pending_cost = Cost::default();
    for a in pending {
        let cost = price(world, &a).unwrap_or_default();
        let mut q = world.resource_mut::<ActionQueue>();
        q.pending.push(a);
        add_cost(&mut q.pending_cost, &cost, 1.0);
    }
    removed
}

/// Turn system: pays for and applies the queued actions in order.
pub fn apply_queued(world: &mut World) {
    let pending = std::mem::take(&mut world.resource_mut::<ActionQueue>().pending);
    world.resource_mut::<ActionQueue>().pending_cost = Cost::default();
    world.resource_mut::<ActionQueue>().applying = true;
    let w = week(world);
    for a in pending {
        match check_affordable(world, &a, &Cost::default()) {
            Ok(cost) => {
                pay(world, &cost);
                apply(world, &a, w);
                if !world.resource::<Clock>().epilogue {
                    world
                        .resource_mut::<Org>()
                        .action_weeks
                        .entry(a.kind().to_string())
                        .or_default()
                        .push(w);
                }
                world.resource_mut::<ActionQueue>().applied.push((w, a));
            }
            Err(r) => {
                world
                    .resource_mut::<WeekLog>()
                    .push(w, "refused", r.to_string());
                world.resource_mut::<ActionQueue>().refused.push((w, r));
            }
        }
    }
    world.resource_mut::<ActionQueue>().applying = false;
}

fn pay(world: &mut World, cost: &Cost) {
    let overdraft_max = world.resource::<SimParams>().ap_overdraft;
    let gain = world.resource::<SimParams>().leader_overdraft_exhaustion;
    {
        let mut l = world.resource_mut::<Leader>();
        l.ap_left -= cost.ap;
        if l.ap_left < 0.0 {
            // Borrow from next week's AP (§6): the leader pays in exhaustion.
            let borrowed = (-l.ap_left).min(overdraft_max);
            l.overdraft_debt += borrowed;
            l.exhaustion = (l.exhaustion + gain * borrowed).min(100.0);
            l.ap_left = 0.0;
        }
        l.political_capital = (l.political_capital - cost.pc).clamp(0.0, 100.0);
    }
    if cost.money > 0.0 {
        let mut b = world.resource_mut::<Budget>();
        b.quarter_spent += cost.money;
        b.total_spent += cost.money;
    }
}

fn with_person(world: &mut World, id: PersonId, f: impl FnOnce(&mut Person)) {
    lookup::with(world, id, f);
}

fn with_team(world: &mut World, id: TeamId, f: impl FnOnce(&mut Team)) {
    lookup::with(world, id, f);
}

fn with_initiative(world: &mut World, id: InitiativeId, f: impl FnOnce(&mut Initiative)) {
    lookup::with(world, id, f);
}

fn with_stakeholder(world: &mut World, id: StakeholderId, f: impl FnOnce(&mut Stakeholder)) {
    lookup::with(world, id, f);
}

fn all_stakeholders(world: &mut World, f: impl FnMut(&mut Stakeholder)) {
    lookup::for_each(world, f);
}

fn team_people(world: &World, t: TeamId) -> Vec<PersonId> {
    let idx = world.resource::<Index>();
    idx.people
        .iter()
        .filter(|(_, e)| world.get::<Person>(**e).is_some_and(|p| p.team == t))
        .map(|(id, _)| *id)
        .collect()
}

fn pulse(stock: PulseStock, amount: f64, week: u32, half_life: f64, driver: Driver) -> Pulse {
    Pulse {
        stock,
        amount,
        start_week: week,
        half_life,
        driver,
    }
}

/// Adds a person-level pulse to engagement or trust in the leader for everyone in a team.
fn team_person_pulse(world: &mut World, t: TeamId, stock: PulseStock, amount: f64) {
    for id in team_people(world, t) {
        with_person(world, id, |p| match stock {
            PulseStock::Engagement => p.e_pulse += amount,
            PulseStock::TrustInLeader => {
                p.trust_in_leader = (p.trust_in_leader + amount).clamp(0.0, 100.0)
            }
            _ => {}
        });
    }
}

/// A log line that records what happened and to whom (see `Happened`).
fn log(
    world: &mut World,
    w: u32,
    kind: &str,
    happened: Happened,
    about: Vec<Subject>,
    text: String,
) {
    world
        .resource_mut::<WeekLog>()
        .record(w, kind, happened, about, text);
}

/// Who a demand concerns: the team, the stakeholder who made it, and its kind.
fn demand_subjects(d: &Demand) -> Vec<Subject> {
    vec![
        Subject::Team(d.team),
        Subject::Stakeholder(d.from),
        Subject::Demand(d.kind),
    ]
}

/// An initiative's name for a log line (its number only if it is gone).
fn initiative_name(world: &World, id: InitiativeId) -> String {
    super::lookup::get::<Initiative>(world, id)
        .map_or_else(|| format!("#{}", id.0), |i| format!("\"{}\"", i.name))
}

fn open_requisition(
    world: &mut World,
    team: TeamId,
    role: Role,
    level: u8,
    contractor: bool,
    contract_weeks: u32,
    w: u32,
) {
    let p = world.resource::<SimParams>().0.clone();
    let seed = world.resource::<RunInfo>().seed;
    let mut org = world.resource_mut::<Org>();
    let seq = org.next_req;
    org.next_req += 1;
    let mean = if contractor {
        p.hire_mean_weeks_contractor
    } else {
        p.hire_mean_weeks_employee
    } + if level >= 4 && !contractor { 2.0 } else { 0.0 };
    let mut s = Stream::new(seed, Purpose::HireDelay, u64::from(seq), 0, 0);
    let delay = (s.gamma(p.hire_gamma_shape) * mean / p.hire_gamma_shape)
        .round()
        .max(1.0) as u32;
    org.requisitions.push(Requisition {
        team,
        level,
        role,
        contractor,
        opened: w,
        fills_week: w + delay,
        onboarding: false,
        seq,
        contract_weeks,
    });
}

/// Applies an already-paid action. Effects follow MODEL.md §6 (see each arm).
pub fn apply(world: &mut World, a: &Action, w: u32) {
    use Action::*;
    let p = world.resource::<SimParams>().0.clone();
    let seed = world.resource::<RunInfo>().seed;
    match a {
        OpenRequisition { team, role, level } => {
            open_requisition(world, *team, *role, *level, false, 0, w);
            let text = format!(
                "Opened a requisition (level {level}) for team {}",
                super::systems::team_name(world, *team)
            );
            let about = vec![Subject::Team(*team)];
            log(world, w, "action", Happened::RequisitionOpened, about, text);
        }
        StructuredOnboarding { person } => {
            with_person(world, *person, |x| x.onboarding = p.onboarding_multiplier)
        }
        HireContractors { team, count } => {
            for _ in 0..*count {
                open_requisition(world, *team, Role::Engineer, 3, true, 12, w);
            }
        }
        OneOnOne { person } => {
            let leader_td = world.resource::<Leader>().skills[Pillar::TeamDev as usize];
            with_person(world, *person, |x| {
                x.last_1on1 = Some(w);
                x.weeks_since_1on1 = 0.0;
                x.flight_risk_revealed = true;
                // Quality 1:1s also grow soft and team-development skills a little (§6.1).
                let q = 0.5 + 0.5 * leader_td / 100.0;
                x.pending[Pillar::Soft as usize] += 0.5 * q;
                x.pending[Pillar::TeamDev as usize] += 0.5 * q;
            });
        }
        Mentor { person, pillar } => {
            let leader_s = world.resource::<Leader>().skills[*pillar as usize];
            with_person(world, *person, |x| {
                let s = x.skills[*pillar as usize];
                x.pending[*pillar as usize] += p.mentoring_gain
                    * (leader_s / 100.0)
                    * (0.5 + 0.5 * x.trust_in_leader / 100.0)
                    * (1.0 - s / 100.0);
            });
        }
        PairMentor { mentee, mentor } => {
            let m = *mentor;
            with_person(world, *mentee, |x| x.mentor = Some(m));
            with_person(world, *mentor, |x| x.e_pulse += 3.0);
        }
        Training { person, pillar } => {
            with_person(world, *person, |x| {
                let s = x.skills[*pillar as usize];
                x.pending[*pillar as usize] += p.training_gain * (1.0 - s / 100.0);
            });
            // Two days away from the work this week.
            let team = person_team(world, *person);
            if let Some(t) = team {
                with_team(world, t, |t| {
                    t.modifiers.push(CapacityModifier {
                        multiplier: 0.96,
                        until_week: w,
                        cause: "training".into(),
                    })
                });
            }
        }
        StayInterview { person } => with_person(world, *person, |x| {
            x.flight_risk_revealed = true;
            x.drivers_revealed = true;
            x.trust_in_leader = (x.trust_in_leader + 2.0).min(100.0);
        }),
        RetentionRaise { person } => {
            with_person(world, *person, |x| {
                x.retention_until = w + 26;
                x.salary_w *= 1.12;
            });
            // Peers may find out: fairness costs engagement (§6.1).
            if Stream::new(seed, Purpose::ActionRoll, u64::from(person.0), w, 1).bernoulli(0.5)
                && let Some(t) = person_team(world, *person)
            {
                for id in team_people(world, t).into_iter().filter(|i| i != person) {
                    with_person(world, id, |x| x.e_pulse -= 2.0);
                }
                log(
                    world,
                    w,
                    "event",
                    Happened::RaiseEnvy,
                    vec![Subject::Person(*person), Subject::Team(t)],
                    "Peers found out about a retention raise (fairness: engagement −2)".into(),
                );
            }
        }
        RecoveryWeek { person } => with_person(world, *person, |x| {
            x.away_until = w + 1;
            x.exhaustion = (x.exhaustion - p.vacation_relief).max(0.0);
        }),
        Layoff { people } => {
            let mut teams = Vec::new();
            for id in people {
                if let Some(t) = person_team(world, *id) {
                    teams.push(t);
                }
                let salary = person(world, *id).map_or(0.0, |x| x.salary_w);
                {
                    let mut b = world.resource_mut::<Budget>();
                    b.quarter_spent += salary * 4.0;
                    b.total_spent += salary * 4.0;
                }
                super::systems::remove_person(world, *id, w, false);
                world.resource_mut::<Org>().layoffs += 1;
            }
            teams.sort();
            teams.dedup();
            // Survivor syndrome everywhere, strongest in the affected teams.
            let all: Vec<TeamId> = world.resource::<Index>().teams.keys().copied().collect();
            for t in all {
                let k = if teams.contains(&t) { 1.0 } else { 0.5 };
                with_team(world, t, |tm| {
                    tm.layoff_recent = (tm.layoff_recent + k).min(1.0)
                });
            }
            let about = people.iter().map(|id| Subject::Person(*id)).collect();
            log(
                world,
                w,
                "action",
                Happened::LaidOff,
                about,
                format!("Laid off {} people", people.len()),
            );
        }
        DevelopManager { person } => with_person(world, *person, |x| {
            let s = x.skills[Pillar::TeamDev as usize];
            x.pending[Pillar::TeamDev as usize] += 3.0 * (1.0 - s / 100.0);
        }),
        VisionSession => {
            let ids: Vec<TeamId> = world.resource::<Index>().teams.keys().copied().collect();
            for t in ids {
                with_team(world, t, |tm| {
                    tm.vision = (tm.vision + 0.5 * (1.0 - tm.vision)).min(1.0)
                });
            }
            all_stakeholders(world, |s| s.alignment = (s.alignment + 0.05).min(1.0));
        }
        StrategySession { stakeholder } => with_stakeholder(world, *stakeholder, |s| {
            s.meetings.push(w);
            s.alignment = (s.alignment + 0.1).min(1.0);
        }),
        ShareCredit { initiative } => {
            if let Some(t) = initiative_team(world, *initiative) {
                team_person_pulse(world, t, PulseStock::Engagement, 5.0);
                with_team(world, t, |tm| tm.credit_events.push((w, 1.0)));
            }
            // Stakeholders see the outcome, slightly less than if the leader took the credit.
            all_stakeholders(world, |s| {
                s.pulses
                    .push(pulse(PulseStock::Ability, 2.0, w, 8.0, Driver::Shipped))
            });
            world
                .resource_mut::<Org>()
                .action_weeks
                .entry("credit_shared".into())
                .or_default()
                .push(w);
        }
        TakeCredit { initiative } => {
            if let Some(t) = initiative_team(world, *initiative) {
                with_team(world, t, |tm| {
                    tm.credit_events.push((w, -1.0));
                    tm.psych_safety = (tm.psych_safety - 5.0).max(0.0);
                });
            }
            all_stakeholders(world, |s| {
                s.pulses
                    .push(pulse(PulseStock::Ability, 3.0, w, 8.0, Driver::Shipped))
            });
        }
        TakeResponsibility { team } => {
            with_team(world, *team, |tm| {
                tm.responsibility_recent += 1.0;
                tm.responsibility_events.push(w);
                tm.psych_safety =
                    (tm.psych_safety + 8.0 * (1.0 - tm.psych_safety / 100.0)).min(100.0);
            });
            all_stakeholders(world, |s| {
                s.pulses.push(pulse(
                    PulseStock::Integrity,
                    5.0,
                    w,
                    8.0,
                    Driver::Responsibility,
                ))
            });
        }
        Blame { team } => {
            with_team(world, *team, |tm| {
                tm.blame_recent = 1.0;
                // Blame is a shock with τ_down = 3: a third of the −20 lands at once.
                tm.psych_safety = (tm.psych_safety - 20.0 / 3.0).max(0.0);
            });
            team_person_pulse(world, *team, PulseStock::Engagement, -8.0);
            team_person_pulse(world, *team, PulseStock::TrustInLeader, -5.0);
        }
        BlamelessReview { team } => with_team(world, *team, |tm| {
            tm.inquiries_recent += 1.0;
            tm.quality = (tm.quality + 0.03).min(1.0);
        }),
        Respond { demand, response } => respond(world, *demand, *response, w, seed, &p),
        DemoDay { team } => {
            let moved = !world.resource::<Org>().shipped.is_empty();
            world.resource_mut::<Org>().demos.push(w);
            // A demo shows true progress: perceived snaps to the truth (honestly, no penalty).
            let ids: Vec<InitiativeId> = world
                .resource::<Index>()
                .initiatives
                .keys()
                .copied()
                .collect();
            let weekly = team_weekly(world, *team);
            for i in ids {
                with_initiative(world, i, |it| {
                    if it.team == *team && it.is_open() {
                        super::systems::rebaseline(it, w, weekly);
                        it.disclosed = true;
                    }
                });
            }
            all_stakeholders(world, |s| {
                s.transparency.push(w);
                s.pulses.push(pulse(
                    PulseStock::Anxiety,
                    -10.0,
                    w,
                    3.0,
                    Driver::Transparency,
                ));
                s.pulses.push(pulse(
                    PulseStock::Ability,
                    if moved { 4.0 } else { 1.0 },
                    w,
                    6.0,
                    Driver::Transparency,
                ));
                if moved {
                    s.waterfall = (s.waterfall - 0.01).max(0.0);
                }
            });
            if moved {
                let mut l = world.resource_mut::<Leader>();
                l.political_capital = (l.political_capital + 1.0).min(100.0);
            }
        }
        DiscloseSlip { initiative } => {
            let weekly = initiative_team(world, *initiative).map_or(1.0, |t| team_weekly(world, t));
            with_initiative(world, *initiative, |it| {
                it.disclosed = true;
                super::systems::rebaseline(it, w, weekly);
            });
            world.resource_mut::<Org>().disclosures.push(w);
            all_stakeholders(world, |s| {
                s.transparency.push(w);
                s.pulses.push(pulse(
                    PulseStock::Integrity,
                    5.0,
                    w,
                    8.0,
                    Driver::Transparency,
                ));
            });
        }
        SetDiscoveryShare { team, share } => {
            with_team(world, *team, |t| t.discovery_share = *share)
        }
        SetDebtShare { team, share } => with_team(world, *team, |t| t.debt_share = *share),
        SetWipLimit { team, limit } => with_team(world, *team, |t| t.wip_limit = *limit),
        Tooling { team } => {
            with_team(world, *team, |t| {
                t.quality = (t.quality + 0.15).min(1.0);
                t.modifiers.push(CapacityModifier {
                    multiplier: 0.95,
                    until_week: w + 1,
                    cause: "tooling adoption dip".into(),
                });
            });
            world.resource_mut::<Budget>().tooling_weekly += 500.0;
        }
        Analytics { team } => {
            with_team(world, *team, |t| t.analytics = (t.analytics + 0.3).min(1.0))
        }
        PlatformInvestment { team } => with_team(world, *team, |t| {
            t.platform_maturity = (t.platform_maturity + 0.2).min(1.0)
        }),
        RequestBudget { amount } => {
            let cfo = cfo_trust(world);
            let outcomes = outcome_progress(world);
            let tired = if world.resource::<Leader>().exhaustion > 60.0 {
                0.85
            } else {
                1.0
            };
            let pr = tired * eq::sigmoid(-1.0 + 3.0 * (cfo - 50.0) / 50.0 + 2.0 * outcomes);
            let ok = Stream::new(seed, Purpose::ActionRoll, 0xB0D6E7, w, 0).bernoulli(pr);
            if ok {
                let mut d = world.resource_mut::<DelayedEffects>();
                let seq = d.1;
                d.1 += 1;
                d.0.insert(
                    (w + p.budget_approval_weeks, seq),
                    DelayedEffect::BudgetArrives(*amount),
                );
                log(
                    world,
                    w,
                    "event",
                    Happened::BudgetApproved,
                    Vec::new(),
                    format!(
                        "Budget request approved (p = {pr:.2}): ${amount:.0} arrives in {} weeks",
                        p.budget_approval_weeks
                    ),
                );
            } else {
                log(
                    world,
                    w,
                    "event",
                    Happened::BudgetDeclined,
                    Vec::new(),
                    format!("Budget request declined (p = {pr:.2})"),
                );
            }
        }
        SetOvertimePolicy { policy } => {
            world.resource_mut::<Org>().overtime_policy = OvertimePolicyState(*policy);
            if *policy == OvertimePolicy::Crunch {
                // Crunch pleases plan-driven stakeholders: +1 PC each, at most once per 8 weeks.
                let mut gained = 0.0;
                all_stakeholders(world, |s| {
                    if s.waterfall >= 0.6 && s.last_crunch_pc.is_none_or(|l| w >= l + 8) {
                        s.last_crunch_pc = Some(w);
                        gained += 1.0;
                    }
                });
                let mut l = world.resource_mut::<Leader>();
                l.political_capital = (l.political_capital + gained).min(100.0);
            }
        }
        BrokerAlignment { a: x, b: y } => {
            let mut org = world.resource_mut::<Org>();
            let r = org.relations.entry(pair(*x, *y)).or_default();
            r.alignment = 0.9;
            r.aligned_until = w + 6;
        }
        ConnectTeams { a: x, b: y } => {
            let mut org = world.resource_mut::<Org>();
            let r = org.relations.entry(pair(*x, *y)).or_default();
            r.congruence = (r.congruence + 0.2).min(1.0);
            r.connecting_until = w + 1;
        }
        SetInteractionMode { a: x, b: y, mode } => {
            {
                let mut org = world.resource_mut::<Org>();
                let r = org.relations.entry(pair(*x, *y)).or_default();
                r.mode = *mode;
                r.mode_since = w;
            }
            // A 3-week transition dip for both teams.
            for t in [*x, *y] {
                with_team(world, t, |tm| {
                    tm.modifiers.push(CapacityModifier {
                        multiplier: 0.97,
                        until_week: w + 2,
                        cause: "interaction-mode transition".into(),
                    })
                });
            }
        }
        Reteam { person, to } => {
            let from = person_team(world, *person);
            with_person(world, *person, |x| {
                x.team = *to;
                x.assimilation *= 0.7;
            });
            for t in [Some(*to), from].into_iter().flatten() {
                with_team(world, t, |tm| {
                    tm.psych_safety = (tm.psych_safety - 10.0 / 3.0).max(0.0);
                    tm.modifiers.push(CapacityModifier {
                        multiplier: 0.9,
                        until_week: w + 5,
                        cause: "forming after re-team".into(),
                    });
                    tm.forming_until = w + 5;
                });
            }
            // Inverse Conway: the moved capability removes open dependencies from the old team.
            if let Some(from) = from {
                super::systems::remove_dependencies_between(world, *to, from);
            }
        }
        ReviewMetrics { product } => {
            if let Some(&e) = world.resource::<Index>().products.get(product)
                && let Some(mut pr) = world.get_mut::<Product>(e)
            {
                pr.dashboard.true_values_week = Some(w);
            }
            let ids: Vec<TeamId> = world.resource::<Index>().teams.keys().copied().collect();
            for t in ids {
                with_team(world, t, |tm| tm.metric_reviews += 1.0);
            }
            world
                .resource_mut::<Revealed>()
                .0
                .insert(format!("metrics:{}", product.0));
        }
        RunExperiment { initiative } => {
            super::systems::run_experiment(world, *initiative, w, 100);
            with_initiative(world, *initiative, |it| it.behind_experiment = true);
        }
        Forecast { initiative } => {
            let samples: Vec<f64> = world.resource::<Org>().throughput.iter().copied().collect();
            let rem = self::initiative(world, *initiative).map_or(0.0, Initiative::remaining);
            let (p50, p85) = monte_carlo_forecast(&samples, rem, seed, w);
            world.resource_mut::<Leader>().forecast_week = Some(w);
            let name = initiative_name(world, *initiative);
            log(
                world,
                w,
                "forecast",
                Happened::Forecast,
                vec![Subject::Initiative(*initiative)],
                format!(
                    "Forecast for {name}: P50 week {}, P85 week {}",
                    w + p50,
                    w + p85
                ),
            );
        }
        KillInitiative { initiative } => {
            with_initiative(world, *initiative, |it| it.state = InitiativeState::Killed);
            let name = initiative_name(world, *initiative);
            log(
                world,
                w,
                "action",
                Happened::Killed,
                vec![Subject::Initiative(*initiative)],
                format!("Stopped the initiative {name}"),
            );
        }
        Descope { initiative } => with_initiative(world, *initiative, |it| {
            // §17.2: size ← done + core·(size − done); the effect keeps (0.5 + 0.5·core).
            let done = it.good_done + it.hidden_rework;
            it.size = done + it.core_fraction * (it.size - done).max(0.0);
            it.effect = it.effect.scaled(0.5 + 0.5 * it.core_fraction);
            it.descoped = true;
        }),
    }
}

/// Monte Carlo forecast over throughput samples (weeks to finish): (P50, P85).
pub fn monte_carlo_forecast(samples: &[f64], remaining: f64, seed: u64, w: u32) -> (u32, u32) {
    if samples.is_empty() || remaining <= 0.0 {
        return (0, 0);
    }
    let mut weeks: Vec<u32> = (0..200)
        .map(|trial| {
            let mut s = Stream::new(seed, Purpose::ActionRoll, 0xF0CA57 + trial, w, 0);
            let (mut left, mut n) = (remaining, 0u32);
            while left > 0.0 && n < 208 {
                left -= samples[s.below(samples.len())].max(0.01);
                n += 1;
            }
            n
        })
        .collect();
    weeks.sort_unstable();
    (weeks[100], weeks[170])
}

pub fn pair(a: TeamId, b: TeamId) -> (TeamId, TeamId) {
    if a <= b { (a, b) } else { (b, a) }
}

/// A team's nominal weekly delivery, for honest re-plans.
fn team_weekly(world: &World, t: TeamId) -> f64 {
    team(world, t).map_or(1.0, |t| t.nominal_delivery.max(0.3))
}

fn person_team(world: &World, id: PersonId) -> Option<TeamId> {
    person(world, id).map(|p| p.team)
}

fn initiative_team(world: &World, id: InitiativeId) -> Option<TeamId> {
    initiative(world, id).map(|i| i.team)
}

fn cfo_trust(world: &World) -> f64 {
    let idx = world.resource::<Index>();
    let mut best = None;
    for e in idx.stakeholders.values() {
        if let Some(s) = world.get::<Stakeholder>(*e)
            && s.role == crate::scenario::StakeholderRole::Cfo
        {
            best = Some(s.trust());
        }
    }
    best.unwrap_or(50.0)
}

/// Weighted objective attainment 0–1 (used by budget requests and stakeholder ability trust).
pub fn outcome_progress(world: &World) -> f64 {
    let obj = world.resource::<Objectives>();
    let total: f64 = obj.0.iter().map(|o| o.weight).sum();
    if total <= 0.0 {
        return 0.0;
    }
    obj.0
        .iter()
        .map(|o| o.weight * attainment(o).clamp(0.0, 1.0))
        .sum::<f64>()
        / total
}

/// Attainment of an objective (§9.2), clamped to −0.5..1.2.
pub fn attainment(o: &ObjectiveState) -> f64 {
    let span = o.target - o.baseline;
    if span.abs() < 1e-12 {
        return 0.0;
    }
    ((o.value - o.baseline) / span).clamp(-0.5, 1.2)
}

fn respond(
    world: &mut World,
    id: DemandId,
    response: Response,
    w: u32,
    seed: u64,
    p: &crate::model::Params,
) {
    let Some(pos) = world
        .resource::<Org>()
        .demands
        .iter()
        .position(|d| d.id == id)
    else {
        return;
    };
    let d = world.resource::<Org>().demands[pos].clone();
    match response {
        Response::Comply => {
            world.resource_mut::<Org>().demands.remove(pos);
            comply_effects(world, &d, 1.0, w, p);
            with_stakeholder(world, d.from, |s| {
                s.pulses.push(pulse(
                    PulseStock::Benevolence,
                    5.0,
                    w,
                    6.0,
                    Driver::Defended,
                ));
                s.pulses
                    .push(pulse(PulseStock::Anxiety, -10.0, w, 3.0, Driver::Defended));
            });
            add_defend(world, d.team, -0.5, w);
            log(
                world,
                w,
                "demand",
                Happened::Complied,
                demand_subjects(&d),
                format!("Complied with a {:?} demand", d.kind),
            );
        }
        Response::Shield => {
            world.resource_mut::<Org>().demands.remove(pos);
            let transparent = {
                let org = world.resource::<Org>();
                org.demos
                    .iter()
                    .chain(org.disclosures.iter())
                    .any(|&x| w.saturating_sub(x) < 4)
            };
            with_stakeholder(world, d.from, |s| {
                s.pulses.push(pulse(
                    PulseStock::Benevolence,
                    -5.0,
                    w,
                    6.0,
                    Driver::Declined,
                ));
                if !transparent {
                    s.declined.push(w);
                    s.pulses
                        .push(pulse(PulseStock::Anxiety, 10.0, w, 4.0, Driver::Declined));
                }
            });
            add_defend(world, d.team, 1.0, w);
            log(
                world,
                w,
                "demand",
                Happened::Shielded,
                demand_subjects(&d),
                format!("Shielded the team from a {:?} demand", d.kind),
            );
        }
        Response::Reframe => {
            let soft = world.resource::<Leader>().skills[Pillar::Soft as usize];
            let has_forecast = world
                .resource::<Leader>()
                .forecast_week
                .is_some_and(|f| w.saturating_sub(f) <= 8);
            let analytics = team(world, d.team).map_or(0.0, |t| t.analytics);
            let (trust, wf) =
                stakeholder(world, d.from).map_or((50.0, 0.5), |s| (s.trust(), s.waterfall));
            let tired = if world.resource::<Leader>().exhaustion > 60.0 {
                0.85
            } else {
                1.0
            };
            let pr = tired * eq::reframe_success(soft, trust, analytics, has_forecast, wf);
            let ok = Stream::new(seed, Purpose::ActionRoll, u64::from(id.0), w, 2).bernoulli(pr);
            if ok {
                world.resource_mut::<Org>().demands.remove(pos);
                light_alternative(world, &d, w, p);
                with_stakeholder(world, d.from, |s| {
                    s.waterfall = (s.waterfall - 0.02).max(0.0);
                    s.pulses.push(pulse(
                        PulseStock::Integrity,
                        5.0,
                        w,
                        8.0,
                        Driver::Transparency,
                    ));
                    s.pulses.push(pulse(
                        PulseStock::Benevolence,
                        3.0,
                        w,
                        8.0,
                        Driver::Meetings,
                    ));
                    s.transparency.push(w);
                });
                add_defend(world, d.team, 1.0, w);
                log(
                    world,
                    w,
                    "demand",
                    Happened::Reframed,
                    demand_subjects(&d),
                    format!(
                        "Reframed a {:?} demand (p = {pr:.2}): a lighter alternative was accepted",
                        d.kind
                    ),
                );
            } else {
                let mut org = world.resource_mut::<Org>();
                let dm = &mut org.demands[pos];
                dm.reframe_failed = true;
                dm.respond_by = dm.respond_by.max(w + 1);
                with_stakeholder(world, d.from, |s| {
                    s.pulses
                        .push(pulse(PulseStock::Anxiety, 5.0, w, 3.0, Driver::Declined))
                });
                log(
                    world,
                    w,
                    "demand",
                    Happened::ReframeFailed,
                    demand_subjects(&d),
                    format!(
                        "A reframe of a {:?} demand failed (p = {pr:.2}): comply or shield next week",
                        d.kind
                    ),
                );
            }
        }
        Response::Escalate => {
            world.resource_mut::<Org>().demands.remove(pos);
            with_stakeholder(world, d.from, |s| {
                s.escalated_until = w + 12;
                s.pulses.push(pulse(
                    PulseStock::Benevolence,
                    -15.0,
                    w,
                    10.0,
                    Driver::Declined,
                ));
            });
            add_defend(world, d.team, 1.0, w);
            log(
                world,
                w,
                "demand",
                Happened::Escalated,
                demand_subjects(&d),
                format!("Escalated a {:?} demand to the CEO", d.kind),
            );
        }
    }
}

/// Records that the leader defended (+) or exposed (−) a team, for trust in the leader.
pub fn add_defend(world: &mut World, t: TeamId, v: f64, w: u32) {
    with_team(world, t, |tm| {
        tm.defend_events.push((w, v));
        tm.defend_events.retain(|(x, _)| w.saturating_sub(*x) < 8);
        if v > 0.0 {
            tm.shielded += 1.0;
        } else {
            tm.exposed += 1.0;
        }
    });
}

/// What complying with a demand does to the team (§7.1). `scale` is 1.5 when it went around the leader.
pub fn comply_effects(world: &mut World, d: &Demand, scale: f64, w: u32, p: &crate::model::Params) {
    let intensity = d.intensity;
    // §17.2: comply adds pressure P; 1.5× scales continuous effects only.
    with_team(world, d.team, |t| {
        t.pressure = (t.pressure + p.pressure_per_demand * intensity * scale).min(100.0)
    });
    match d.kind {
        DemandKind::FixedPlan => {
            let ids: Vec<InitiativeId> = world
                .resource::<Index>()
                .initiatives
                .keys()
                .copied()
                .collect();
            let cap = team(world, d.team).map_or(1.0, |t| t.delivery_capacity.max(0.5));
            let mut promised = 0;
            for i in ids {
                with_initiative(world, i, |it| {
                    if it.team == d.team && it.is_open() && it.kind != InitiativeKind::DebtPaydown {
                        it.fixed_scope = true;
                        it.sponsor = it.sponsor.or(Some(d.from));
                        if it.deadline.is_none() {
                            // The plan promises a date with little slack: 90 % of the honest estimate.
                            let est = (it.remaining() / cap * 0.9).ceil().max(2.0) as u32;
                            it.deadline = Some(w + est);
                            it.planned_start = w;
                            it.planned_weeks = f64::from(est);
                            promised += 1;
                        }
                    }
                });
            }
            with_team(world, d.team, |t| {
                t.modifiers.push(CapacityModifier {
                    multiplier: 0.97,
                    until_week: w,
                    cause: "planning".into(),
                })
            });
            log(
                world,
                w,
                "event",
                Happened::DatesCommitted,
                demand_subjects(d),
                format!("A fixed-scope plan now commits {promised} initiative(s) to dates"),
            );
        }
        DemandKind::StatusReport => with_team(world, d.team, |t| {
            // One reporting obligation per stakeholder: a repeat demand adds no new report.
            if !t.status_sources.contains(&d.from) && t.status_obligations.len() < 4 {
                t.status_obligations.push(p.status_per_obligation);
                t.status_sources.push(d.from);
            }
        }),
        DemandKind::FeatureInjection => {
            inject_feature(world, d, w, true, p);
            with_team(world, d.team, |t| {
                t.churn_events += 1.0 * scale;
            });
            for id in team_people(world, d.team) {
                with_person(world, id, |x| x.e_pulse -= 2.0 * scale);
            }
        }
        DemandKind::ResourceGrab => {
            let mut lent = 0;
            for id in team_people(world, d.team).into_iter().rev() {
                if lent >= 2 {
                    break;
                }
                let ok = person(world, id)
                    .is_some_and(|x| x.is_available(w) && x.role == Role::Engineer);
                if ok {
                    with_person(world, id, |x| {
                        x.lent_until = w + 6;
                        x.assimilation *= 0.7;
                    });
                    lent += 1;
                }
            }
        }
        DemandKind::DeadlinePullIn => {
            let ids: Vec<InitiativeId> = world
                .resource::<Index>()
                .initiatives
                .keys()
                .copied()
                .collect();
            let mut any = false;
            for i in ids {
                with_initiative(world, i, |it| {
                    if it.team == d.team
                        && it.is_open()
                        && let Some(dl) = it.deadline
                    {
                        it.deadline = Some(dl.saturating_sub(3).max(w + 1));
                        it.planned_weeks = (it.planned_weeks - 3.0).max(1.0);
                        any = true;
                    }
                });
            }
            if !any {
                let fp = Demand {
                    kind: DemandKind::FixedPlan,
                    ..d.clone()
                };
                comply_effects(world, &fp, 1.0, w, p);
            }
        }
        DemandKind::StaffingSolution => {
            for _ in 0..6 {
                open_requisition(world, d.team, Role::Engineer, 3, true, 12, w);
            }
            log(
                world,
                w,
                "event",
                Happened::ContractorsSent,
                demand_subjects(d),
                "Six contractors are on their way (about 2 weeks)".into(),
            );
        }
    }
}

fn light_alternative(world: &mut World, d: &Demand, w: u32, p: &crate::model::Params) {
    match d.kind {
        // Outcome roadmap + forecast + demo cadence: light reporting, no fixed dates.
        DemandKind::FixedPlan | DemandKind::StatusReport => with_team(world, d.team, |t| {
            if !t.status_sources.contains(&d.from) && t.status_obligations.len() < 4 {
                t.status_obligations.push(p.status_light);
                t.status_sources.push(d.from);
            }
        }),
        // A 2-week discovery spike instead of a blind build.
        DemandKind::FeatureInjection => inject_feature(world, d, w, false, p),
        // Time-boxed facilitation instead of lending people.
        DemandKind::ResourceGrab => with_team(world, d.team, |t| {
            t.modifiers.push(CapacityModifier {
                multiplier: 0.95,
                until_week: w + 3,
                cause: "facilitating another team".into(),
            })
        }),
        // Descoping keeps the date.
        DemandKind::DeadlinePullIn => {
            let ids: Vec<InitiativeId> = world
                .resource::<Index>()
                .initiatives
                .keys()
                .copied()
                .collect();
            for i in ids {
                with_initiative(world, i, |it| {
                    if it.team == d.team && it.is_open() && it.deadline.is_some() && !it.descoped {
                        let done = it.good_done + it.hidden_rework;
                        it.size = done + (0.5 + 0.5 * it.core_fraction) * (it.size - done).max(0.0);
                        it.descoped = true;
                    }
                });
            }
        }
        DemandKind::StaffingSolution => {}
    }
}

fn inject_feature(world: &mut World, d: &Demand, w: u32, imposed: bool, p: &crate::model::Params) {
    let seed = world.resource::<RunInfo>().seed;
    let (next, product) = {
        let mut org = world.resource_mut::<Org>();
        let n = org.next_initiative;
        org.next_initiative += 1;
        (n, ProductId(0))
    };
    let mut s = Stream::new(seed, Purpose::IdeaCreation, u64::from(next), w, 0);
    let size = s.range(5.0, 10.0);
    let hit = s.bernoulli(p.idea_prior);
    let effect = super::systems::draw_effect(&mut s, hit, p);
    let it = Initiative {
        id: InitiativeId(next),
        name: format!("Injected feature #{next}"),
        team: d.team,
        product,
        kind: InitiativeKind::Feature,
        sponsor: Some(d.from),
        size,
        good_done: 0.0,
        hidden_rework: 0.0,
        max_parallel: 3,
        hit,
        effect,
        belief: p.idea_prior,
        experiments_run: 0,
        deadline: None,
        fixed_scope: imposed,
        cost_of_delay: 0.0,
        market_window: None,
        deps: Vec::new(),
        state: if imposed {
            InitiativeState::Backlog
        } else {
            InitiativeState::Discovery
        },
        ship_week: None,
        escaped: 0.0,
        quality_at_ship: 1.0,
        late_at_ship: 1.0,
        imposed,
        no_discovery: imposed,
        planned_start: w,
        planned_weeks: 6.0,
        perceived: 0.0,
        revealed: false,
        disclosed: false,
        core_fraction: 0.6,
        descoped: false,
        blocked_weeks: 0,
        // Injected work jumps the queue.
        backlog_order: 0,
        plan_base: 0.0,
        created_week: w,
        behind_experiment: false,
        counted_missed: false,
        weekly_cost: 0.0,
    };
    let e = world.spawn((Name::new(it.name.clone()), it)).id();
    world
        .resource_mut::<Index>()
        .initiatives
        .insert(InitiativeId(next), e);
    // Lost re-immersion (§7.1): 10 % of this week's in-progress work, as a one-week capacity dip.
    if imposed {
        with_team(world, d.team, |t| {
            t.modifiers.push(CapacityModifier {
                multiplier: 0.9,
                until_week: w,
                cause: "re-immersion after a priority change".into(),
            })
        });
    }
}

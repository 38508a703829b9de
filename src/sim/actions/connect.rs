//! The connect actions (MODEL.md §6.5, §8: dependencies and structure): brokering alignment,
//! connecting teams, interaction modes and re-teaming; each action's price and effects side
//! by side.

use super::*;

/// Prices a connect action and checks its targets (see `super::price`).
pub(super) fn price(world: &World, a: &Action) -> Result<Cost, Refusal> {
    use Action::*;
    let prm = &world.resource::<SimParams>().0;
    match a {
        BrokerAlignment { a: x, b: y }
        | ConnectTeams { a: x, b: y }
        | SetInteractionMode { a: x, b: y, .. } => {
            need_team(world, a, *x)?;
            need_team(world, a, *y)?;
            if x == y {
                return refuse(a, "pick two different teams");
            }
            // Connecting is for teams whose work meets; for others it is a meeting about nothing.
            if !depend_on_each_other(world, *x, *y) {
                return refuse(
                    a,
                    "these two teams do not depend on each other; there is no work to connect",
                );
            }
            match a {
                BrokerAlignment { .. } => {
                    cost(prm.broker_alignment_ap, prm.broker_alignment_pc, 0.0)
                }
                ConnectTeams { .. } => cost(prm.connect_teams_ap, 0.0, 0.0),
                _ => cost(prm.broker_alignment_ap, prm.broker_alignment_pc, 0.0),
            }
        }
        Reteam { person: p, to } => {
            let pp = need_person(world, a, *p)?;
            need_team(world, a, *to)?;
            if pp.team == *to {
                return refuse(a, "already in that team");
            }
            cost(prm.reteam_ap, prm.reteam_pc, 0.0)
        }
        _ => unreachable!("{} is not a connect action", a.kind()),
    }
}

/// Applies an already-paid connect action (see `super::apply`).
pub(super) fn apply(world: &mut World, a: &Action, w: u32) {
    use Action::*;
    let p = world.resource::<SimParams>().0.clone();
    match a {
        BrokerAlignment { a: x, b: y } => {
            let mut org = world.resource_mut::<Org>();
            let r = org.relations.entry(pair(*x, *y)).or_default();
            r.alignment = 0.9;
            r.aligned_until = w + 6;
        }
        ConnectTeams { a: x, b: y } => {
            let mut org = world.resource_mut::<Org>();
            let r = org.relations.entry(pair(*x, *y)).or_default();
            r.congruence = (r.congruence + p.connect_congruence).min(1.0);
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
                x.assimilation *= p.reteam_assimilation_kept;
                x.unsettled += p.reteam_unsettle;
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
                crate::sim::systems::remove_dependencies_between(world, *to, from);
            }
        }
        _ => unreachable!("{} is not a connect action", a.kind()),
    }
}

pub fn pair(a: TeamId, b: TeamId) -> (TeamId, TeamId) {
    if a <= b { (a, b) } else { (b, a) }
}

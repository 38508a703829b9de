//! The end of a run and what the turn reads from the scenario: scripted events, and the close-out
//! after the epilogue.

use super::*;

/// Scripted events of the scenario (resource so the Events system can read them).
#[derive(Resource, Clone, Debug, Default)]
pub struct ScriptedEvents(pub Vec<crate::scenario::ScriptedEvent>);

/// End of the epilogue (§17.5): every progress gap is revealed and open deadlines count as missed.
pub fn close_out(world: &mut World) {
    let w = week(world);
    let mut missed = Vec::new();
    for (_, ie) in entities(&world.resource::<Index>().initiatives) {
        let Some(mut it) = world.get_mut::<Initiative>(ie) else {
            continue;
        };
        if !it.is_open() {
            continue;
        }
        if it.deadline.is_some() && !it.counted_missed {
            it.counted_missed = true;
            missed.push(it.sponsor);
        }
        it.revealed = true;
        it.perceived = it.true_frac();
    }
    for sponsor in missed {
        for (_, se) in entities(&world.resource::<Index>().stakeholders) {
            if let Some(mut s) = world.get_mut::<Stakeholder>(se)
                && sponsor.is_none_or(|x| x == s.id)
            {
                s.missed.push(w);
            }
        }
    }
}

/// Recency of recognition (§17.2): max over the last 4 weeks of (1 − age/4), from weeks since
/// the last 1:1 (so the spawn state, "2 weeks since the last 1:1", is consistent).
pub fn recognition(x: &Person) -> f64 {
    (1.0 - x.weeks_since_1on1 / 4.0).clamp(0.0, 1.0)
}

/// Each team's relations (both directions), so per-team lookups do not scan every pair.
pub(crate) fn relations_by_team(
    relations: &BTreeMap<(TeamId, TeamId), Relation>,
) -> BTreeMap<TeamId, Vec<&Relation>> {
    let mut out: BTreeMap<TeamId, Vec<&Relation>> = BTreeMap::new();
    for ((a, b), r) in relations {
        out.entry(*a).or_default().push(r);
        if a != b {
            out.entry(*b).or_default().push(r);
        }
    }
    out
}

/// A team's display name for logs (its id if it is gone).
pub fn team_name(world: &World, id: TeamId) -> String {
    lookup::get::<Team>(world, id).map_or_else(|| format!("#{}", id.0), |t| t.name.clone())
}

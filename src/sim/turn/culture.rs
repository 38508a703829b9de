//! Culture: information flow (Westrum) and the culture the teams share.

use super::*;

/// The six Westrum items per team (§9.1) and status honesty h.
pub fn culture(
    clock: Res<Clock>,
    index: Res<Index>,
    mut org: ResMut<Org>,
    params: Res<SimParams>,
    mut teams: Query<&mut Team>,
) {
    let w = clock.week;
    let p = &params.0;
    let rel_by_team = relations_by_team(&org.relations);
    let demo_cadence = (count_recent(&org.demos, w, 4) / 4.0 * 4.0 / 4.0).min(1.0);
    for (&tid, &te) in &index.teams {
        let rels: &[&Relation] = rel_by_team.get(&tid).map_or(&[], Vec::as_slice);
        // No relation = the default relation: ad hoc, neutral alignment, no congruence.
        let (kappa, alpha, healthy) = if rels.is_empty() {
            (0.0, 0.5, 0.0)
        } else {
            let n = rels.len() as f64;
            let healthy = rels
                .iter()
                .filter(|r| match r.mode {
                    InteractionMode::XaaS | InteractionMode::Facilitating => true,
                    InteractionMode::Collaboration => {
                        f64::from(w.saturating_sub(r.mode_since)) <= p.collab_timebox
                    }
                    InteractionMode::AdHoc => false,
                })
                .count() as f64
                / n;
            let alpha = rels
                .iter()
                .map(|r| {
                    if r.aligned_until >= w {
                        0.9
                    } else {
                        r.alignment
                    }
                })
                .sum::<f64>()
                / n;
            (
                rels.iter().map(|r| r.congruence).sum::<f64>() / n,
                alpha,
                healthy,
            )
        };
        let Ok(mut t) = teams.get_mut(te) else {
            continue;
        };
        let ps = t.psych_safety / 100.0;
        let info = (t.metric_reviews / 2.0 + t.experiments_4w.iter().sum::<f64>() / 4.0).min(1.0);
        let resp_rate = if t.failures_recent > 0.05 {
            (t.responsibility_recent / t.failures_recent).min(1.0)
        } else {
            0.5
        };
        let inquiry = if t.failures_recent > 0.05 {
            (t.inquiries_recent / t.failures_recent).min(1.0)
        } else {
            0.5
        };
        let drivers = [
            0.4 * info + 0.3 * (t.discovery_share / 0.25).min(1.0) + 0.3 * ps,
            0.6 * ps + 0.4 * (1.0 - t.blame_recent),
            0.5 * resp_rate + 0.5 * t.autonomy,
            0.5 * kappa + 0.3 * alpha + 0.2 * healthy,
            0.5 * inquiry + 0.5 * ps,
            0.5 * t.autonomy + 0.3 * t.empowerment + 0.2 * ps,
        ];
        for (k, d) in drivers.iter().enumerate() {
            t.westrum[k] = eq::westrum_item(*d);
        }
        t.honesty = eq::honesty((t.westrum[1] - 1.0) / 6.0, demo_cadence);
        // Connecting lapses: congruence decays when the leader stops investing (§6.5).
    }
    drop(rel_by_team);
    for r in org.relations.values_mut() {
        if w > r.connecting_until {
            r.congruence = (r.congruence - p.congruence_decay).max(0.0);
        }
        if r.mode == InteractionMode::Collaboration
            && f64::from(w.saturating_sub(r.mode_since)) > p.collab_timebox
        {
            r.alignment = (r.alignment - p.collab_alignment_decay).max(0.0);
        }
    }
}

//! The inspire-and-credit actions (MODEL.md §6.2: inspire, recognise, take responsibility):
//! vision and strategy sessions, sharing or taking credit, taking responsibility, blame and
//! blameless reviews; each action's price and effects side by side.

use super::*;

/// Prices an inspire-and-credit action and checks its targets (see `super::price`).
pub(super) fn price(world: &World, a: &Action) -> Result<Cost, Refusal> {
    use Action::*;
    let prm = &world.resource::<SimParams>().0;
    let w = week(world);
    match a {
        VisionSession => cost(prm.vision_session_ap, 0.0, 0.0),
        StrategySession { stakeholder: s } => {
            stakeholder(world, *s)
                .map_or_else(|| refuse(a, format!("no stakeholder {}", s.0)), |_| Ok(()))?;
            cost(prm.strategy_session_ap, 0.0, 0.0)
        }
        ShareCredit { initiative: i } | TakeCredit { initiative: i } => {
            let it = need_init(world, a, *i)?;
            match it.ship_week {
                Some(sw) if w.saturating_sub(sw) <= 4 => {}
                _ => return refuse(a, "credit is for an initiative shipped in the last 4 weeks"),
            }
            if it.credited {
                return refuse(a, "credit for this ship was already given; it counts once");
            }
            if matches!(a, ShareCredit { .. }) {
                cost(prm.share_credit_ap, 0.0, 0.0)
            } else {
                cost(0.0, -prm.take_credit_pc_gain, 0.0)
            }
        }
        TakeResponsibility { team: t } => {
            let t = need_team(world, a, *t)?;
            if !recent_failure(t) {
                return refuse(
                    a,
                    "there is no recent failure (incident, missed date, reveal) to take responsibility for",
                );
            }
            cost(prm.take_responsibility_ap, prm.take_responsibility_pc, 0.0)
        }
        Blame { team: t } => {
            let t = need_team(world, a, *t)?;
            if !recent_failure(t) {
                return refuse(a, "there is no recent failure to blame anyone for");
            }
            cost(0.0, -prm.blame_pc_gain, 0.0)
        }
        BlamelessReview { team: t } => {
            let t = need_team(world, a, *t)?;
            if !recent_failure(t) {
                return refuse(a, "there is no recent failure to review");
            }
            cost(prm.blameless_review_ap, 0.0, 0.0)
        }
        _ => unreachable!("{} is not an inspire-and-credit action", a.kind()),
    }
}

/// Applies an already-paid inspire-and-credit action (see `super::apply`).
pub(super) fn apply(world: &mut World, a: &Action, w: u32) {
    use Action::*;
    let p = world.resource::<SimParams>().0.clone();
    match a {
        VisionSession => {
            // A vision repeated every week says nothing new, and everyone is in the room.
            let keep = ritual_keep(world, w, p.ritual_window_weeks, |x| {
                matches!(x, VisionSession)
            });
            lookup::for_each(world, |tm: &mut Team| {
                tm.vision = (tm.vision + keep * p.vision_gain * (1.0 - tm.vision)).min(1.0);
                // A session at the usual cadence is inside the routine meeting time (`f_base`);
                // an extra one soon after takes extra time.
                tm.modifiers.push(CapacityModifier {
                    multiplier: 1.0 - (1.0 - keep) * p.vision_session_capacity,
                    until_week: w,
                    cause: "vision session".into(),
                });
            });
            all_stakeholders(world, |s| {
                s.alignment = (s.alignment + keep * p.vision_alignment).min(1.0)
            });
        }
        StrategySession { stakeholder } => {
            let keep = ritual_keep(
                world,
                w,
                p.ritual_window_weeks,
                |x| matches!(x, StrategySession { stakeholder: s } if s == stakeholder),
            );
            with_stakeholder(world, *stakeholder, |s| {
                s.meetings.push(w);
                s.alignment = (s.alignment + keep * p.strategy_alignment).min(1.0);
            })
        }
        ShareCredit { initiative } => {
            with_initiative(world, *initiative, |it| it.credited = true);
            if let Some(t) = initiative_team(world, *initiative) {
                team_person_pulse(world, t, PulseStock::Engagement, p.share_credit_pulse);
                with_team(world, t, |tm| tm.credit_events.push((w, 1.0)));
            }
            // Stakeholders see the outcome, slightly less than if the leader took the credit.
            all_stakeholders(world, |s| {
                s.pulses.push(pulse(
                    PulseStock::Ability,
                    p.share_credit_ability,
                    w,
                    8.0,
                    Driver::Shipped,
                ))
            });
            world
                .resource_mut::<Org>()
                .action_weeks
                .record(ActionMark::CreditShared, w);
        }
        TakeCredit { initiative } => {
            with_initiative(world, *initiative, |it| it.credited = true);
            if let Some(t) = initiative_team(world, *initiative) {
                with_team(world, t, |tm| {
                    tm.credit_events.push((w, -1.0));
                    tm.psych_safety = (tm.psych_safety - p.take_credit_safety_loss).max(0.0);
                });
            }
            all_stakeholders(world, |s| {
                s.pulses.push(pulse(
                    PulseStock::Ability,
                    p.take_credit_ability,
                    w,
                    8.0,
                    Driver::Shipped,
                ))
            });
        }
        TakeResponsibility { team } => {
            with_team(world, *team, |tm| {
                tm.responsibility_recent += 1.0;
                tm.responsibility_events.push(w);
                tm.psych_safety = (tm.psych_safety
                    + p.responsibility_safety_gain * (1.0 - tm.psych_safety / 100.0))
                    .min(100.0);
            });
            all_stakeholders(world, |s| {
                s.pulses.push(pulse(
                    PulseStock::Integrity,
                    p.responsibility_integrity,
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
                tm.psych_safety = (tm.psych_safety - p.blame_safety_loss).max(0.0);
            });
            team_person_pulse(
                world,
                *team,
                PulseStock::Engagement,
                -p.blame_engagement_pulse,
            );
            team_person_pulse(
                world,
                *team,
                PulseStock::TrustInLeader,
                -p.blame_trust_pulse,
            );
        }
        BlamelessReview { team } => with_team(world, *team, |tm| {
            tm.inquiries_recent += 1.0;
            tm.quality = (tm.quality + p.blameless_review_quality).min(1.0);
        }),
        _ => unreachable!("{} is not an inspire-and-credit action", a.kind()),
    }
}

fn recent_failure(t: &Team) -> bool {
    t.failures_recent > 0.05
}

/// Adds a person-level pulse to engagement or trust in the leader for everyone in a team.
fn team_person_pulse(world: &mut World, t: TeamId, stock: PulseStock, amount: f64) {
    for id in team_people(world, t) {
        match stock {
            PulseStock::Engagement => with_drivers(world, id, |d| d.e_pulse += amount),
            PulseStock::TrustInLeader => with_person(world, id, |p| {
                p.trust_in_leader = (p.trust_in_leader + amount).clamp(0.0, 100.0)
            }),
            _ => {}
        }
    }
}

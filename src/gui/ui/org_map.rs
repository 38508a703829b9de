//! The org map, the playing screen's main view: teams as rooms with their people drawn as
//! avatars, the work moving through each team, dependency flows between teams with what waits
//! on them, and the stakeholders above the org with their pull and the demands they send.
//! Hovering anything says what moved it this week, as signed causes in plain words, and what
//! the player can do about it; clicking selects it (the right panel then lists the actions).
//! After End week the changes play for under a second (moods, new arrivals, demands flying
//! in); otherwise nothing animates, so an idle window stays idle.

use bevy::prelude::World;
use bevy_egui::egui::{
    self, Align2, Color32, CornerRadius, FontId, Pos2, Rect, RichText, Sense, Stroke, StrokeKind,
    Ui, vec2,
};

use super::avatar::{self, Look};
use super::centre::edges;
use super::map_room::team_room;
use super::map_tips::{can_do, causes, demand_tip};
use super::widgets::{Good, level_word, palette};
use crate::gui::catalog::{Selection, name_of};
use crate::gui::game::{Game, WeekStart};
use crate::gui::state::{Command, GuiState, Overlay};
use crate::model::{StakeholderId, TeamId};
use crate::sim::{Demand, Index, Initiative, InitiativeState, Org, Person, Stakeholder, Team};

const GAP: f32 = 34.0;
const STRIP: f32 = 78.0;
const HEADER: f32 = 46.0;
/// A narrow room stacks its three gauges, so its header is taller.
pub(super) const HEADER_NARROW: f32 = 62.0;

pub(super) fn narrow(room_width: f32) -> bool {
    room_width < 240.0
}

pub(super) fn header_height(room_width: f32) -> f32 {
    if narrow(room_width) {
        HEADER_NARROW
    } else {
        HEADER
    }
}
pub(super) const CHIP: f32 = 17.0;
pub(super) const CHIPS_SHOWN: usize = 3;
const ANIMATION_SECONDS: f32 = 0.9;

/// How many rooms per row for `n` teams: a wide map for few teams, a grid for many.
pub fn columns(n: usize) -> usize {
    match n {
        0..=3 => n.max(1),
        4 => 2,
        5 | 6 => 3,
        _ => 4,
    }
}

/// People per row for avatars `size` pixels tall in a room `room_width` wide.
fn per_row(room_width: f32, size: f32) -> usize {
    (((room_width - 12.0) / (size + 8.0)).floor() as usize).max(1)
}

/// The height of one avatar's cell (the avatar and, when there is room, the name).
pub(super) fn cell_height(size: f32) -> f32 {
    size + if size >= 26.0 { 15.0 } else { 6.0 }
}

pub(super) fn rows_of(n: usize, per_row: usize) -> usize {
    n.div_ceil(per_row.max(1)).max(1)
}

/// Where everything sits this frame.
pub(super) struct Layout {
    pub(super) rooms: Vec<(TeamId, Rect)>,
    pub(super) stakeholders: Vec<(StakeholderId, Rect)>,
    pub(super) avatar: f32,
    pub(super) per_row: usize,
}

pub(super) fn team_people(w: &World, team: TeamId) -> Vec<&Person> {
    let idx = w.resource::<Index>();
    idx.people
        .values()
        .filter_map(|e| w.get::<Person>(*e))
        .filter(|p| p.team == team)
        .collect()
}

pub(super) fn open_work(w: &World, team: TeamId) -> Vec<&Initiative> {
    let idx = w.resource::<Index>();
    let mut v: Vec<&Initiative> = idx
        .initiatives
        .values()
        .filter_map(|e| w.get::<Initiative>(*e))
        .filter(|i| i.team == team && i.is_open())
        .collect();
    // What is being worked on first, then the backlog in its order.
    v.sort_by_key(|i| (i.state == InitiativeState::Backlog, i.backlog_order, i.id));
    v
}

/// Lays the map out in `width` × `height`: the largest avatars with which the whole org fits
/// the view (a big org scrolls with the smallest).
fn layout(w: &World, origin: Pos2, width: f32, height: f32) -> Layout {
    let idx = w.resource::<Index>();
    let teams: Vec<TeamId> = idx.teams.keys().copied().collect();
    let cols = columns(teams.len());
    let room_w = ((width - GAP * (cols as f32 + 1.0)) / cols as f32).max(140.0);
    // Never below 26 px: smaller, the names no longer fit under the faces; a big org scrolls.
    let sizes = [44.0, 38.0, 32.0, 26.0];
    let mut chosen = None;
    for (k, avatar) in sizes.iter().enumerate() {
        let per_row = per_row(room_w, *avatar);
        let cell_h = cell_height(*avatar);
        let heights: Vec<f32> = teams
            .iter()
            .map(|t| {
                let people = team_people(w, *t).len();
                let open = open_work(w, *t).len();
                // The chips, and a line under them when some work is not shown or none is open.
                let chips = open.min(CHIPS_SHOWN) + usize::from(open > CHIPS_SHOWN || open == 0);
                header_height(room_w)
                    + rows_of(people, per_row) as f32 * cell_h
                    + chips as f32 * (CHIP + 3.0)
                    + 8.0
            })
            .collect();
        let total: f32 = STRIP
            + GAP
            + heights
                .chunks(cols)
                .map(|row| row.iter().copied().fold(0.0, f32::max) + GAP)
                .sum::<f32>();
        if total <= height || k + 1 == sizes.len() {
            chosen = Some((*avatar, per_row, heights));
            break;
        }
    }
    let (avatar, per_row, heights) = chosen.expect("the last size is always taken");
    let mut rooms = Vec::new();
    let mut y = origin.y + STRIP + GAP;
    for (row, chunk) in teams.chunks(cols).enumerate() {
        let h = heights[row * cols..row * cols + chunk.len()]
            .iter()
            .copied()
            .fold(0.0, f32::max);
        for (c, t) in chunk.iter().enumerate() {
            let x = origin.x + GAP + c as f32 * (room_w + GAP);
            rooms.push((*t, Rect::from_min_size(Pos2::new(x, y), vec2(room_w, h))));
        }
        y += h + GAP;
    }
    let holders: Vec<StakeholderId> = idx.stakeholders.keys().copied().collect();
    let n = holders.len().max(1) as f32;
    let badge_w = ((width - GAP * 2.0) / n - 10.0).clamp(120.0, 240.0);
    let total = badge_w * n + 10.0 * (n - 1.0);
    let x0 = origin.x + (width - total) / 2.0;
    let stakeholders = holders
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                *s,
                Rect::from_min_size(
                    Pos2::new(x0 + i as f32 * (badge_w + 10.0), origin.y + 4.0),
                    vec2(badge_w, STRIP - 8.0),
                ),
            )
        })
        .collect();
    Layout {
        rooms,
        stakeholders,
        avatar,
        per_row,
    }
}

/// The End-week animation's progress: 0 just after the summary closes, 1 once settled. The
/// map holds last week's picture while the week's summary is open, so the change plays when
/// the player comes back to the map, not hidden behind the summary.
fn week_progress(ui: &Ui, st: &GuiState, g: &Game) -> f32 {
    let week = g.week() as f32;
    let target = if st.overlay == Overlay::WeekSummary && g.week_start.is_some() {
        week - 1.0
    } else {
        week
    };
    let shown = ui.ctx().animate_value_with_time(
        egui::Id::new(("org_map_week", g.serial)),
        target,
        ANIMATION_SECONDS,
    );
    let p = (1.0 - (week - shown)).clamp(0.0, 1.0);
    egui::emath::easing::cubic_out(p)
}

pub(super) fn org_map(ui: &mut Ui, st: &GuiState, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let progress = week_progress(ui, st, g);
    let start = g.week_start.as_ref();
    let width = ui.available_width().max(520.0);
    let origin = ui.cursor().min;
    let lay = layout(w, origin, width, ui.available_height() - 4.0);
    let bottom = lay
        .rooms
        .iter()
        .map(|(_, r)| r.bottom())
        .fold(origin.y + STRIP, f32::max);
    let (area, _) = ui.allocate_exact_size(vec2(width, bottom - origin.y + 6.0), Sense::hover());
    let painter = ui.painter_at(area.expand(2.0));
    let weak = ui.visuals().weak_text_color();
    let room_of = |t: TeamId| lay.rooms.iter().find(|(id, _)| *id == t).map(|(_, r)| *r);

    // Stakeholders' pull: what they sponsor (thin, dashed) and the demands they send (envelopes).
    let org = w.resource::<Org>();
    let idx = w.resource::<Index>();
    for (sid, badge) in &lay.stakeholders {
        let Some(s) = crate::sim::lookup::get::<Stakeholder>(w, *sid) else {
            continue;
        };
        let mut sponsored: Vec<TeamId> = idx
            .initiatives
            .values()
            .filter_map(|e| w.get::<Initiative>(*e))
            .filter(|i| i.is_open() && i.sponsor == Some(*sid))
            .map(|i| i.team)
            .collect();
        sponsored.sort();
        sponsored.dedup();
        for t in sponsored {
            if let Some(room) = room_of(t) {
                let pts = [badge.center_bottom(), room.center_top()];
                let stroke = Stroke::new(1.0 + 2.0 * s.power as f32, weak.gamma_multiply(0.6));
                painter.extend(egui::Shape::dashed_line(&pts, stroke, 6.0, 5.0));
            }
        }
    }
    // Each demand waits as an envelope on its team's room (the room's mailbox), on a line
    // from the stakeholder who sent it; the line runs behind the rooms.
    let mut letters: Vec<(&Demand, Pos2, Pos2, Color32)> = Vec::new();
    for d in &org.demands {
        let (Some(badge), Some(room)) = (
            lay.stakeholders
                .iter()
                .find(|(s, _)| *s == d.from)
                .map(|(_, r)| *r),
            room_of(d.team),
        ) else {
            continue;
        };
        let slot = letters.iter().filter(|(o, ..)| o.team == d.team).count();
        let to = room.right_top() + vec2(-18.0 - slot as f32 * 24.0, 0.0);
        let from = badge.center_bottom();
        let due = d.respond_by <= g.week();
        let col = if due {
            palette::VERMILLION
        } else {
            palette::ORANGE
        };
        painter.line_segment([from, to], Stroke::new(2.0, col.gamma_multiply(0.8)));
        letters.push((d, from, to, col));
    }

    // Dependency flows: from the team that waits to the team it needs.
    for (k, e) in edges(w).iter().enumerate() {
        let (Some(a), Some(b)) = (room_of(e.consumer), room_of(e.provider)) else {
            continue;
        };
        let dir = (b.center() - a.center()).normalized();
        // Two teams that wait on each other get two arrows side by side.
        let side = vec2(-dir.y, dir.x)
            * if e.consumer.0 < e.provider.0 {
                7.0
            } else {
                -7.0
            };
        let from = edge_point(a, b.center()) + side;
        let to = edge_point(b, a.center()) + side;
        let col = if e.blocked_weeks > 0 {
            palette::VERMILLION
        } else if e.open > 0 {
            palette::ORANGE
        } else {
            weak
        };
        let width_px = if e.open > 0 {
            2.0 + (e.open as f32).min(4.0)
        } else {
            1.0
        };
        arrow(&painter, from, to, Stroke::new(width_px, col));
        let mid = from + (to - from) * 0.5;
        let mut hit = Rect::from_two_pos(from, to).expand(6.0);
        if e.open > 0 {
            // The number of waiting requests on the arrow; the rest is in the tooltip, so the
            // badge fits between rooms even with eight teams.
            painter.circle(
                mid,
                10.0,
                col,
                Stroke::new(1.5, ui.visuals().extreme_bg_color),
            );
            painter.text(
                mid,
                Align2::CENTER_CENTER,
                e.open.to_string(),
                FontId::proportional(12.0),
                Color32::BLACK,
            );
            hit = hit.union(Rect::from_center_size(mid, vec2(22.0, 22.0)));
        }
        let resp = ui
            .interact(hit, egui::Id::new(("map_edge", k)), Sense::click())
            .on_hover_ui(|ui| {
                ui.label(
                    RichText::new(format!(
                        "{} waits on {}",
                        name_of::<Team>(w, e.consumer),
                        name_of::<Team>(w, e.provider)
                    ))
                    .strong(),
                );
                if e.open > 0 {
                    ui.label(format!(
                        "{} request(s) open, {:.0} points of work left; blocked for {} team-week(s) so far.",
                        e.open, e.remaining, e.blocked_weeks
                    ));
                } else {
                    ui.label("Nothing waiting right now.");
                }
                ui.label(
                    RichText::new("Select to see how the two teams work together: connecting them, or changing how they interact, shortens the wait.")
                        .weak(),
                );
            });
        if resp.clicked() {
            cmds.push(Command::Select(Selection::Pair(e.consumer, e.provider)));
        }
    }

    for (sid, badge) in &lay.stakeholders {
        if let Some(s) = crate::sim::lookup::get::<Stakeholder>(w, *sid) {
            stakeholder_badge(ui, &painter, *badge, w, s, st, g, cmds);
        }
    }
    for (tid, room) in &lay.rooms {
        if let Some(t) = crate::sim::lookup::get::<Team>(w, *tid) {
            team_room(
                ui, &painter, *room, &lay, w, t, st, g, start, progress, cmds,
            );
        }
    }
    for (d, from, to, col) in letters {
        // A demand that arrived this week flies in from its sender.
        let arrived_now = start.is_some_and(|s: &WeekStart| !s.demands.contains(&d.id));
        let t = if arrived_now { progress } else { 1.0 };
        let env = envelope(&painter, from + (to - from) * t, col);
        let resp = ui
            .interact(
                env.expand(3.0),
                egui::Id::new(("map_demand", d.id.0)),
                Sense::click(),
            )
            .on_hover_ui(|ui| demand_tip(ui, w, d, g));
        if resp.clicked() {
            cmds.push(Command::Select(Selection::Stakeholder(d.from)));
        }
    }
    ui.label(
        RichText::new(
            "Shirt colour: role (blue engineer, purple designer, orange product manager, green engineering manager, sky QA, yellow analyst). \
             A smile: engaged; heavy or closed eyes: tired or exhausted; green badge: new; suitcase: leaving; orange ring: said they might leave; faded: away. \
             Arrows run from the team that waits to the team it needs, with the number of requests waiting; envelopes are demands waiting for your answer.",
        )
        .size(11.0)
        .color(weak),
    );
}

/// A line from `from` to `to` with a head of a fixed size (egui's scales with the length,
/// which makes the short arrows between rooms unreadable).
fn arrow(painter: &egui::Painter, from: Pos2, to: Pos2, stroke: Stroke) {
    let d = to - from;
    if d.length() < 1.0 {
        return;
    }
    let dir = d.normalized();
    let normal = vec2(-dir.y, dir.x);
    let head = 9.0 + stroke.width;
    painter.line_segment([from, to - dir * head * 0.6], stroke);
    painter.add(egui::Shape::convex_polygon(
        vec![
            to,
            to - dir * head + normal * head * 0.55,
            to - dir * head - normal * head * 0.55,
        ],
        stroke.color,
        Stroke::NONE,
    ));
}

/// Where the line from a room's centre towards `towards` leaves the room.
fn edge_point(room: Rect, towards: Pos2) -> Pos2 {
    let c = room.center();
    let d = towards - c;
    if d.length() < 1e-3 {
        return c;
    }
    let sx = if d.x.abs() > 1e-3 {
        (room.width() / 2.0) / d.x.abs()
    } else {
        f32::INFINITY
    };
    let sy = if d.y.abs() > 1e-3 {
        (room.height() / 2.0) / d.y.abs()
    } else {
        f32::INFINITY
    };
    c + d * sx.min(sy)
}

/// A small envelope centred on `at`; returns its rectangle.
fn envelope(painter: &egui::Painter, at: Pos2, col: Color32) -> Rect {
    let r = Rect::from_center_size(at, vec2(18.0, 12.0));
    painter.rect_filled(r, CornerRadius::same(2), Color32::WHITE);
    painter.rect_stroke(
        r,
        CornerRadius::same(2),
        Stroke::new(1.5, col),
        StrokeKind::Inside,
    );
    painter.line_segment(
        [r.left_top(), r.center() + vec2(0.0, 1.0)],
        Stroke::new(1.2, col),
    );
    painter.line_segment(
        [r.right_top(), r.center() + vec2(0.0, 1.0)],
        Stroke::new(1.2, col),
    );
    r
}

#[allow(clippy::too_many_arguments)]
fn stakeholder_badge(
    ui: &mut Ui,
    painter: &egui::Painter,
    r: Rect,
    w: &World,
    s: &Stakeholder,
    st: &GuiState,
    g: &Game,
    cmds: &mut Vec<Command>,
) {
    let selected = st.selection == Selection::Stakeholder(s.id);
    let vis = ui.visuals();
    painter.rect(
        r,
        CornerRadius::same(8),
        vis.faint_bg_color,
        Stroke::new(
            if selected { 2.5 } else { 1.0 },
            if selected {
                Color32::WHITE
            } else {
                palette::ORANGE
            },
        ),
        StrokeKind::Inside,
    );
    let (skin, hair, style) = avatar::appearance(&s.name, 10_000 + s.id.0);
    avatar::paint(
        painter,
        r.left_center() + vec2(24.0, 4.0),
        40.0,
        &Look {
            shirt: Color32::from_rgb(0x44, 0x4A, 0x55),
            skin,
            hair,
            hair_style: style,
            mood: ((s.trust() - 50.0) / 30.0) as f32,
            tired: 0.0,
            new: false,
            leaving: false,
            away: false,
            at_risk: false,
            jerk: false,
            contractor: false,
            selected: false,
            opacity: 1.0,
        },
    );
    let x = r.left() + 50.0;
    let short = crate::sim::describe::short_name(&s.name).to_string();
    painter.text(
        Pos2::new(x, r.top() + 6.0),
        Align2::LEFT_TOP,
        clip(&short, ((r.width() - 56.0) / 7.5) as usize),
        FontId::proportional(13.5),
        vis.strong_text_color(),
    );
    painter.text(
        Pos2::new(x, r.top() + 23.0),
        Align2::LEFT_TOP,
        clip(s.role.label(), ((r.width() - 56.0) / 6.0) as usize),
        FontId::proportional(11.0),
        vis.weak_text_color(),
    );
    let trust = s.trust();
    painter.text(
        Pos2::new(x, r.top() + 38.0),
        Align2::LEFT_TOP,
        format!("trusts you: {} ({trust:.0})", level_word(trust, Good::High)),
        FontId::proportional(11.0),
        vis.text_color(),
    );
    // Pull: how much weight their word carries.
    let bar = Rect::from_min_size(
        Pos2::new(x, r.top() + 55.0),
        vec2((r.width() - 60.0).max(20.0), 5.0),
    );
    painter.rect_filled(bar, CornerRadius::same(2), vis.extreme_bg_color);
    painter.rect_filled(
        Rect::from_min_size(
            bar.min,
            vec2(bar.width() * s.power.clamp(0.0, 1.0) as f32, bar.height()),
        ),
        CornerRadius::same(2),
        palette::ORANGE,
    );
    let open = w
        .resource::<Org>()
        .demands
        .iter()
        .filter(|d| d.from == s.id)
        .count();
    let resp = ui
        .interact(
            r,
            egui::Id::new(("map_stakeholder", s.id.0)),
            Sense::click(),
        )
        .on_hover_ui(|ui| {
            ui.set_max_width(380.0);
            ui.label(RichText::new(format!("{} — {}", s.name, s.role.label())).strong());
            ui.label(format!(
                "Pull: {} (the bar). Trusts you: {} ({trust:.0} of 100). Worry: {}.",
                if s.power >= 0.75 {
                    "strong"
                } else if s.power >= 0.45 {
                    "moderate"
                } else {
                    "light"
                },
                level_word(trust, Good::High),
                level_word(s.anxiety, Good::Low),
            ));
            // What moved their trust last week, split by driver through the trust function.
            if let Some(then) = g
                .week_start
                .as_ref()
                .and_then(|b| b.stakeholders.get(&s.id))
            {
                causes(
                    ui,
                    &format!("Trust last week {:+.1}", trust - then.trust),
                    &crate::gui::moments::trust_causes(s, &then.ledgers),
                );
            }
            ui.label(if open > 0 {
                format!("{open} demand(s) waiting for your answer (the envelopes).")
            } else {
                "No demand waiting.".to_string()
            });
            can_do(ui, w, Selection::Stakeholder(s.id), g);
        });
    if resp.clicked() {
        cmds.push(Command::Select(Selection::Stakeholder(s.id)));
    }
}

/// Cuts `s` to `n` characters with an ellipsis (egui's painter does not truncate).
pub(super) fn clip(s: &str, n: usize) -> String {
    let n = n.max(3);
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}

/// Where the rooms of the teams sit on a map `width` × `height`, and the avatars' size (the
/// tests check that eight teams fit without overlapping).
pub fn rooms(w: &World, width: f32, height: f32) -> (Vec<(TeamId, Rect)>, f32) {
    let lay = layout(w, Pos2::ZERO, width, height);
    (lay.rooms, lay.avatar)
}

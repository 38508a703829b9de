//! One team's room on the org map: its name and gauges, its people as avatars (with the
//! week's change easing in after End week), and the work moving through it.

use bevy::prelude::World;
use bevy_egui::egui::{
    self, Align2, Color32, CornerRadius, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, vec2,
};

use super::avatar::{self, Look};
use super::map_tips::{initiative_tip, person_tip, team_tip};
use super::org_map::{
    CHIP, CHIPS_SHOWN, Layout, cell_height, clip, header_height, narrow, open_work, rows_of,
    team_people,
};
use super::widgets::{Good, level_colour, palette};
use crate::gui::catalog::Selection;
use crate::gui::game::{Game, WeekStart};
use crate::gui::state::{Command, GuiState};
use crate::sim::{Clock, Contract, InitiativeState, Team};

#[allow(clippy::too_many_arguments)]
pub(super) fn team_room(
    ui: &mut Ui,
    painter: &egui::Painter,
    r: Rect,
    lay: &Layout,
    w: &World,
    t: &Team,
    st: &GuiState,
    g: &Game,
    start: Option<&WeekStart>,
    progress: f32,
    cmds: &mut Vec<Command>,
) {
    let vis = ui.visuals();
    let selected = st.selection == Selection::Team(t.id);
    // Opaque, so the stakeholders' lines pass behind the rooms.
    painter.rect(
        r,
        CornerRadius::same(10),
        vis.window_fill,
        Stroke::new(
            if selected { 2.5 } else { 1.2 },
            if selected {
                Color32::WHITE
            } else {
                palette::BLUE
            },
        ),
        StrokeKind::Inside,
    );
    let head_h = header_height(r.width());
    let header = Rect::from_min_size(r.min, vec2(r.width(), head_h));
    painter.text(
        r.min + vec2(10.0, 6.0),
        Align2::LEFT_TOP,
        clip(&t.name, ((r.width() - 20.0) / 8.0) as usize),
        FontId::proportional(15.0),
        vis.strong_text_color(),
    );
    // Three small gauges: safety, autonomy, debt.
    let gauges = [
        ("safety", t.psych_safety, Good::High),
        ("autonomy", t.autonomy * 100.0, Good::High),
        ("debt", t.debt, Good::Low),
    ];
    // Side by side in a wide room; stacked, label before bar, in a narrow one (the labels
    // ran into each other with eight teams).
    let wide = !narrow(r.width());
    let gw = if wide {
        ((r.width() - 20.0) / 3.0 - 6.0).max(30.0)
    } else {
        r.width() - 20.0 - 52.0
    };
    for (i, (label, v, good)) in gauges.iter().enumerate() {
        let (x, y, bar_at) = if wide {
            let x = r.left() + 10.0 + i as f32 * (gw + 6.0);
            let y = r.top() + 26.0;
            (x, y, Pos2::new(x, y + 12.0))
        } else {
            let x = r.left() + 10.0;
            let y = r.top() + 25.0 + i as f32 * 11.0;
            (x, y, Pos2::new(x + 52.0, y + 4.0))
        };
        painter.text(
            Pos2::new(x, y),
            Align2::LEFT_TOP,
            *label,
            FontId::proportional(10.0),
            vis.weak_text_color(),
        );
        let bar = Rect::from_min_size(bar_at, vec2(gw, 4.0));
        painter.rect_filled(bar, CornerRadius::same(2), vis.extreme_bg_color);
        let col = level_colour(*v, *good);
        painter.rect_filled(
            Rect::from_min_size(bar.min, vec2(gw * (*v as f32 / 100.0).clamp(0.0, 1.0), 4.0)),
            CornerRadius::same(2),
            col,
        );
    }
    // The week's change in safety floats up from the header after End week.
    if let Some(before) = start.and_then(|s| s.teams.get(&t.id))
        && progress < 1.0
    {
        let d = t.psych_safety - before.psych_safety;
        if d.abs() >= 0.5 {
            let col = if d > 0.0 {
                palette::BLUE
            } else {
                palette::VERMILLION
            };
            painter.text(
                r.right_top() + vec2(-10.0, 12.0 - 8.0 * progress),
                Align2::RIGHT_TOP,
                format!("safety {d:+.0}"),
                FontId::proportional(12.0),
                col.gamma_multiply(1.0 - progress),
            );
        }
    }
    let resp = ui
        .interact(header, egui::Id::new(("map_team", t.id.0)), Sense::click())
        .on_hover_ui(|ui| team_tip(ui, w, t, g, start));
    if resp.clicked() {
        cmds.push(Command::Select(Selection::Team(t.id)));
    }

    let week = w.resource::<Clock>().week;
    let cell_w = (r.width() - 12.0) / lay.per_row as f32;
    let cell_h = cell_height(lay.avatar);
    let people = team_people(w, t.id);
    for (k, p) in people.iter().enumerate() {
        let (row, col) = (k / lay.per_row, k % lay.per_row);
        let cell = Rect::from_min_size(
            Pos2::new(
                r.left() + 6.0 + col as f32 * cell_w,
                r.top() + head_h + row as f32 * cell_h,
            ),
            vec2(cell_w, cell_h),
        );
        let before = start.and_then(|s| s.people.get(&p.id));
        let lerp = |now: f64, was: Option<f64>| match was {
            Some(b) if progress < 1.0 => b + (now - b) * f64::from(progress),
            _ => now,
        };
        let engagement = lerp(p.engagement, before.map(|b| b.engagement));
        let exhaustion = lerp(p.exhaustion, before.map(|b| b.exhaustion));
        let (skin, hair, style) = avatar::appearance(&p.name, p.id.0);
        let look = Look {
            shirt: avatar::role_colour(p.role),
            skin,
            hair,
            hair_style: style,
            mood: ((engagement - 50.0) / 25.0) as f32,
            tired: ((exhaustion - 25.0) / 50.0).clamp(0.0, 1.0) as f32,
            new: p.assimilation < 0.95,
            leaving: p.notice.is_some(),
            away: !p.is_available(week + 1),
            at_risk: p.notice.is_none()
                && p.flight_risk_revealed
                && crate::gui::moments::likely_to_leave(p),
            jerk: p.brilliant_jerk && p.drivers_revealed,
            contractor: matches!(p.contract, Contract::Contractor { .. }),
            selected: st.selection == Selection::Person(p.id),
            // Someone who arrived this week fades in.
            opacity: if start.is_some() && before.is_none() {
                progress.max(0.15)
            } else {
                1.0
            },
        };
        let centre = cell.center_top() + vec2(0.0, lay.avatar * 0.5 + 2.0);
        avatar::paint(painter, centre, lay.avatar, &look);
        if lay.avatar >= 26.0 {
            painter.text(
                cell.center_bottom() + vec2(0.0, -1.0),
                Align2::CENTER_BOTTOM,
                clip(
                    crate::sim::describe::short_name(&p.name),
                    (cell_w / 5.8) as usize,
                ),
                FontId::proportional(10.0),
                vis.text_color(),
            );
        }
        // The week's change in engagement floats up and fades.
        if let Some(b) = before
            && progress < 1.0
        {
            let d = p.engagement - b.engagement;
            if d.abs() >= 1.5 {
                let col = if d > 0.0 {
                    palette::GREEN
                } else {
                    palette::VERMILLION
                };
                painter.text(
                    centre + vec2(0.0, -lay.avatar * 0.55 - 10.0 * progress),
                    Align2::CENTER_BOTTOM,
                    format!("{d:+.0}"),
                    FontId::proportional(11.0),
                    col.gamma_multiply(1.0 - progress),
                );
            }
        }
        let resp = ui
            .interact(cell, egui::Id::new(("map_person", p.id.0)), Sense::click())
            .on_hover_ui(|ui| person_tip(ui, w, p, g, start));
        if resp.clicked() {
            cmds.push(Command::Select(Selection::Person(p.id)));
        }
    }

    // The work moving through the team: what is being built or explored, then the backlog.
    let rows = rows_of(people.len(), lay.per_row);
    let mut y = r.top() + head_h + rows as f32 * cell_h + 4.0;
    let work = open_work(w, t.id);
    for i in work.iter().take(CHIPS_SHOWN) {
        let chip = Rect::from_min_size(Pos2::new(r.left() + 8.0, y), vec2(r.width() - 16.0, CHIP));
        let col = match i.state {
            InitiativeState::Discovery => palette::SKY,
            InitiativeState::Delivery => palette::GREEN,
            InitiativeState::Blocked => palette::VERMILLION,
            _ => vis.weak_text_color(),
        };
        let selected = st.selection == Selection::Initiative(i.id);
        painter.rect_filled(chip, CornerRadius::same(3), vis.extreme_bg_color);
        painter.rect_filled(
            Rect::from_min_size(
                chip.min,
                vec2(chip.width() * (i.perceived as f32).clamp(0.0, 1.0), CHIP),
            ),
            CornerRadius::same(3),
            col.gamma_multiply(0.45),
        );
        painter.rect_stroke(
            chip,
            CornerRadius::same(3),
            Stroke::new(
                if selected { 2.0 } else { 1.0 },
                if selected { Color32::WHITE } else { col },
            ),
            StrokeKind::Inside,
        );
        // The state in words: in full where there is room, else a short word; a forecast
        // that still holds shows as its date range instead ("wk 12–15").
        let forecast = i
            .forecast
            .filter(|f| !f.broken)
            .map(|f| format!("wk {}–{}", f.p50, f.p85));
        let state = if let Some(f) = forecast.as_deref() {
            f
        } else if chip.width() > 200.0 {
            i.state.label()
        } else {
            match i.state {
                InitiativeState::Discovery => "exploring",
                InitiativeState::Delivery => "building",
                InitiativeState::Blocked => "blocked",
                _ => "waiting",
            }
        };
        painter.text(
            chip.left_center() + vec2(5.0, 0.0),
            Align2::LEFT_CENTER,
            clip(
                &i.name,
                ((chip.width() - 10.0) / 6.3) as usize - state.len().min(12),
            ),
            FontId::proportional(11.0),
            vis.strong_text_color(),
        );
        painter.text(
            chip.right_center() + vec2(-5.0, 0.0),
            Align2::RIGHT_CENTER,
            state,
            FontId::proportional(10.0),
            vis.text_color(),
        );
        let resp = ui
            .interact(chip, egui::Id::new(("map_work", i.id.0)), Sense::click())
            .on_hover_ui(|ui| initiative_tip(ui, w, i, g));
        if resp.clicked() {
            cmds.push(Command::Select(Selection::Initiative(i.id)));
        }
        y += CHIP + 3.0;
    }
    let more = work.len().saturating_sub(CHIPS_SHOWN);
    let line = if work.is_empty() {
        "no open work: choose the team's next bet".to_string()
    } else if more > 0 {
        format!("+{more} more in the backlog")
    } else {
        String::new()
    };
    painter.text(
        Pos2::new(r.left() + 10.0, y),
        Align2::LEFT_TOP,
        line,
        FontId::proportional(10.5),
        if work.is_empty() {
            palette::ORANGE
        } else {
            vis.weak_text_color()
        },
    );
}

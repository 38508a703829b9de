//! egui drawing: one function per screen plus the overlays. Drawing reads `GuiState` and only
//! pushes `Command`s; `GuiState::apply` makes the change. Runs the same inside the window and
//! inside a plain `egui::Context` in tests.

mod avatar;
mod centre;
pub mod charts;
pub mod debrief;
mod details;
pub mod guide;
mod map_room;
mod map_tips;
pub mod org_map;
pub mod playing;
pub mod screens;
mod tree;
mod week_panel;
pub mod widgets;

use bevy_egui::egui::{self, Key, Modifiers, RichText, Ui};

use super::catalog::{self, Selection};
use super::state::{Command, GuiState, Overlay, Screen, Tab};
use crate::sim::Response;
use widgets::{cost_text, delta, section};

/// Draws the whole interface for one frame and returns the commands the player gave.
pub fn draw(ui: &mut Ui, st: &GuiState) -> Vec<Command> {
    let mut cmds = Vec::new();
    ui.ctx().set_zoom_factor(st.settings.ui_scale);
    guide::clear(ui.ctx());
    keys(ui.ctx(), st, &mut cmds);
    playing::playtest_banner(ui, st, &mut cmds);
    match st.screen {
        Screen::Title => screens::title(ui, st, &mut cmds),
        Screen::Picker => screens::picker(ui, st, &mut cmds),
        Screen::Briefing => screens::briefing(ui, st, &mut cmds),
        Screen::Playing => playing::draw(ui, st, &mut cmds),
        Screen::Debrief => debrief::draw(ui, st, &mut cmds),
    }
    if !matches!(st.screen, Screen::Playing | Screen::Debrief)
        && let Some(m) = &st.message
    {
        egui::Area::new("message".into())
            .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -16.0))
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new(m).color(widgets::palette::VERMILLION));
                });
            });
    }
    overlay(ui.ctx(), st, &mut cmds);
    // Last, over everything: it points at what the screens above laid out.
    guide::draw(ui.ctx(), st, &mut cmds);
    cmds
}

/// Keyboard shortcuts. Each screen's keys are shown on its buttons; F1 lists them all.
fn keys(ctx: &egui::Context, st: &GuiState, cmds: &mut Vec<Command>) {
    let pressed = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k));
    let ctrl = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, k));
    if pressed(Key::F1) {
        cmds.push(Command::OpenHelp);
        return;
    }
    match st.overlay {
        Overlay::None => {}
        Overlay::ConfirmEndWeek => {
            if pressed(Key::Enter) || pressed(Key::E) {
                cmds.push(Command::ConfirmEndWeek);
            } else if pressed(Key::Escape) {
                cmds.push(Command::CloseOverlay);
            }
            return;
        }
        Overlay::WeekSummary | Overlay::WhatIf => {
            if pressed(Key::Enter) || pressed(Key::Escape) || pressed(Key::Space) {
                cmds.push(Command::CloseOverlay);
            }
            return;
        }
        Overlay::Pause => {
            if pressed(Key::Escape) {
                cmds.push(Command::CloseOverlay);
            } else if pressed(Key::S) {
                cmds.push(Command::OpenSettings);
            } else if pressed(Key::T) {
                cmds.push(Command::BackToTitle);
            } else if pressed(Key::Q) {
                cmds.push(Command::Quit);
            }
            return;
        }
        Overlay::Settings | Overlay::Help => {
            if pressed(Key::Escape) {
                cmds.push(Command::CloseOverlay);
            } else if pressed(Key::Plus) || pressed(Key::Equals) {
                cmds.push(Command::SetScale(st.settings.ui_scale + 0.125));
            } else if pressed(Key::Minus) {
                cmds.push(Command::SetScale(st.settings.ui_scale - 0.125));
            }
            return;
        }
    }
    match st.screen {
        Screen::Title => {
            if pressed(Key::N) {
                cmds.push(Command::NewGame);
            } else if pressed(Key::C) {
                cmds.push(Command::Continue);
            } else if pressed(Key::S) {
                cmds.push(Command::OpenSettings);
            } else if pressed(Key::Q) {
                cmds.push(Command::Quit);
            }
        }
        Screen::Picker => {
            if pressed(Key::Escape) {
                cmds.push(Command::BackToTitle);
            }
            for (i, k) in DIGITS.iter().take(9).enumerate() {
                if pressed(*k) {
                    cmds.push(Command::Pick(i));
                }
            }
        }
        Screen::Briefing => {
            if pressed(Key::Enter) {
                cmds.push(Command::BeginPlaying);
            } else if pressed(Key::Escape) {
                cmds.push(Command::NewGame);
            }
        }
        Screen::Playing => playing_keys(ctx, st, cmds, &pressed, &ctrl),
        Screen::Debrief => {
            if pressed(Key::Escape) {
                cmds.push(Command::BackToTitle);
            } else if pressed(Key::T) {
                cmds.push(Command::ToggleTables);
            } else if pressed(Key::R) {
                cmds.push(Command::ExportReport);
            }
        }
    }
}

const DIGITS: [Key; 10] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
    Key::Num0,
];

fn playing_keys(
    _ctx: &egui::Context,
    st: &GuiState,
    cmds: &mut Vec<Command>,
    pressed: &dyn Fn(Key) -> bool,
    ctrl: &dyn Fn(Key) -> bool,
) {
    let Some(g) = st.game.as_ref() else {
        return;
    };
    if ctrl(Key::R) {
        cmds.push(Command::RestartPlaytest);
        return;
    }
    if ctrl(Key::Z) || pressed(Key::Z) {
        cmds.push(Command::UndoLast);
        return;
    }
    if pressed(Key::Escape) {
        cmds.push(Command::TogglePause);
        return;
    }
    if g.is_over() {
        if pressed(Key::Enter) {
            cmds.push(Command::ShowDebrief);
        }
        return;
    }
    if pressed(Key::E) {
        cmds.push(Command::AskEndWeek);
        return;
    }
    if pressed(Key::W) {
        cmds.push(Command::ShowWeekSummary);
        return;
    }
    if pressed(Key::T) {
        cmds.push(Command::ToggleTables);
        return;
    }
    for (i, k) in [Key::F2, Key::F3, Key::F4, Key::F5, Key::F6, Key::F7]
        .iter()
        .enumerate()
    {
        if pressed(*k) {
            cmds.push(Command::Tab(Tab::ALL[i]));
            return;
        }
    }
    // Walk the selection with [ and ].
    let next = pressed(Key::CloseBracket);
    let prev = pressed(Key::OpenBracket);
    if next || prev {
        let all = playing::selectables(g.world());
        let at = all.iter().position(|s| *s == st.selection).unwrap_or(0);
        let n = all.len().max(1);
        let to = if next { (at + 1) % n } else { (at + n - 1) % n };
        cmds.push(Command::Select(
            all.get(to).copied().unwrap_or(Selection::Org),
        ));
        return;
    }
    // Answer the first unanswered demand: C comply, H shield, R reframe, X escalate.
    let org = g.world().resource::<crate::sim::Org>();
    let queued = g.queued();
    if let Some(d) = org.demands.iter().find(|d| {
        !queued
            .iter()
            .any(|a| matches!(a, crate::sim::Action::Respond { demand, .. } if *demand == d.id))
    }) {
        for (k, r) in [
            (Key::C, Response::Comply),
            (Key::H, Response::Shield),
            (Key::R, Response::Reframe),
            (Key::X, Response::Escalate),
        ] {
            if pressed(k) {
                cmds.push(Command::Respond(d.id, r));
                return;
            }
        }
    }
    // 1–9, 0: the selection's actions, in the order the details panel lists them.
    let opts = catalog::options(g.world(), st.selection);
    for (i, k) in DIGITS.iter().enumerate() {
        if pressed(*k)
            && let Some(o) = opts.get(i)
        {
            cmds.push(Command::Queue(o.action.clone()));
            return;
        }
    }
}

/// The shortcut list the help overlay shows.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("F1", "this help"),
    ("Esc", "pause menu / back / close"),
    (
        "Tab, Shift+Tab, Space",
        "move between buttons and press one",
    ),
    (
        "[ and ]",
        "select the previous / next team, person, stakeholder, initiative, product",
    ),
    ("1–9, 0", "take the n-th action listed for the selection"),
    (
        "C H R X",
        "comply / shield / reframe / escalate the first unanswered demand",
    ),
    ("Z or Ctrl+Z", "undo the last queued action"),
    ("E then Enter", "end the week (Esc keeps planning)"),
    ("W", "show the last week's summary"),
    (
        "F2–F7",
        "tabs: org map, people, dependencies, stakeholders, product, charts",
    ),
    ("T", "charts as tables / plots"),
    ("+ and − (in settings)", "UI scale"),
    (
        "Ctrl+R",
        "playtest: restart with the new version of the scenario",
    ),
    ("N C S Q (title)", "new game, continue, settings, quit"),
    ("R (debrief)", "export the report (HTML and Markdown)"),
];

fn overlay(ctx: &egui::Context, st: &GuiState, cmds: &mut Vec<Command>) {
    let modal = |id: &str| egui::Modal::new(egui::Id::new(id));
    match st.overlay {
        Overlay::None => {}
        Overlay::Pause => {
            modal("pause").show(ctx, |ui| {
                ui.heading("Paused");
                ui.label("Your game is saved at the end of every week.");
                if ui.button("Resume  [Esc]").clicked() {
                    cmds.push(Command::CloseOverlay);
                }
                if ui.button("Settings  [S]").clicked() {
                    cmds.push(Command::OpenSettings);
                }
                if ui.button("Help  [F1]").clicked() {
                    cmds.push(Command::OpenHelp);
                }
                if ui.button("Back to title  [T]").clicked() {
                    cmds.push(Command::BackToTitle);
                }
                if ui.button("Quit  [Q]").clicked() {
                    cmds.push(Command::Quit);
                }
            });
        }
        Overlay::Settings => {
            modal("settings").show(ctx, |ui| {
                ui.heading("Settings");
                let mut scale = st.settings.ui_scale;
                if ui
                    .add(egui::Slider::new(&mut scale, 0.75..=2.0).text("UI scale (+ / −)"))
                    .changed()
                {
                    cmds.push(Command::SetScale(scale));
                }
                let mut tables = st.settings.charts_as_tables;
                if ui.checkbox(&mut tables, "Show charts as tables").changed() {
                    cmds.push(Command::ToggleTables);
                }
                let mut hints = !st.guide.hidden;
                if ui
                    .checkbox(&mut hints, "Show the hints of guided scenarios")
                    .changed()
                {
                    cmds.push(Command::ToggleHints);
                }
                ui.label(format!("Saves: {}", st.saves.dir.display()));
                if ui.button("Close  [Esc]").clicked() {
                    cmds.push(Command::CloseOverlay);
                }
            });
        }
        Overlay::Help => {
            modal("help").show(ctx, |ui| {
                ui.heading("Keyboard shortcuts");
                egui::Grid::new("keys").striped(true).show(ui, |ui| {
                    for (k, what) in SHORTCUTS {
                        ui.label(RichText::new(*k).monospace().strong());
                        ui.label(*what);
                        ui.end_row();
                    }
                });
                ui.label("Hover any meter or button for what it measures or does.");
                if ui.button("Close  [Esc]").clicked() {
                    cmds.push(Command::CloseOverlay);
                }
            });
        }
        Overlay::ConfirmEndWeek => {
            let Some(g) = st.game.as_ref() else {
                return;
            };
            modal("confirm").show(ctx, |ui| {
                ui.heading(format!("End week {}?", g.week()));
                let n = g.queued().len();
                ui.label(format!(
                    "{n} action(s) queued, costing {}.",
                    widgets::cost_text(&g.queued_cost())
                ));
                let org = g.world().resource::<crate::sim::Org>();
                let unanswered = org
                    .demands
                    .iter()
                    .filter(|d| {
                        !g.queued().iter().any(|a| {
                            matches!(a, crate::sim::Action::Respond { demand, .. } if *demand == d.id)
                        })
                    })
                    .count();
                if unanswered > 0 {
                    ui.label(format!(
                        "{unanswered} demand(s) unanswered: the ones that fall due are complied with."
                    ));
                }
                if g.room().ap > 0.9 {
                    ui.label(format!("{:.1} AP unused.", g.room().ap));
                }
                ui.horizontal(|ui| {
                    if ui.button(RichText::new("End week  [Enter]").strong()).clicked() {
                        cmds.push(Command::ConfirmEndWeek);
                    }
                    if ui.button("Keep planning  [Esc]").clicked() {
                        cmds.push(Command::CloseOverlay);
                    }
                });
            });
        }
        Overlay::WhatIf => {
            let Some((label, w)) = &st.whatif else {
                return;
            };
            modal("whatif").show(ctx, |ui| {
                ui.set_max_width(620.0);
                ui.heading(label);
                let over = st.game.as_ref().is_some_and(|g| g.is_over());
                if over {
                    ui.label(format!("Final: {}", w.final_summary("->")));
                } else if let Some(r) = w.weeks.iter().rfind(|r| !r.epilogue) {
                    // During play: the weeks played so far, same random streams.
                    ui.label(format!(
                        "So far (week {}): culture {:.1} yours, {:.1} without it; product {:.1} yours, {:.1} without it. The game goes on as you played it.",
                        r.week, r.culture.0, r.culture.1, r.product.0, r.product.1
                    ));
                }
                egui::ScrollArea::vertical()
                    .max_height(380.0)
                    .show(ui, |ui| {
                        egui::Grid::new("whatif_rows").striped(true).show(ui, |ui| {
                            for h in [
                                "Week",
                                "Culture: yours",
                                "without",
                                "Product: yours",
                                "without",
                                "",
                            ] {
                                ui.label(RichText::new(h).strong());
                            }
                            ui.end_row();
                            for r in w.weeks.iter().filter(|r| over || !r.epilogue) {
                                ui.label(format!(
                                    "{}{}",
                                    r.week,
                                    if r.epilogue { " (epilogue)" } else { "" }
                                ));
                                ui.label(format!("{:.1}", r.culture.0));
                                ui.label(format!("{:.1}", r.culture.1));
                                ui.label(format!("{:.1}", r.product.0));
                                ui.label(format!("{:.1}", r.product.1));
                                ui.label(if r.same_state { "same world" } else { "" });
                                ui.end_row();
                            }
                        });
                        for (week, reason) in &w.refused {
                            ui.label(format!(
                                "Week {week}: a later decision was impossible without it: {reason}"
                            ));
                        }
                    });
                if ui.button("Close  [Esc]").clicked() {
                    cmds.push(Command::CloseOverlay);
                }
            });
        }
        Overlay::WeekSummary => {
            let Some(s) = st.last_summary() else {
                return;
            };
            let shown = modal("summary").show(ctx, |ui| {
                ui.set_max_width(620.0);
                ui.heading(format!("Week {} summary", s.week));
                ui.horizontal(|ui| {
                    // This week's scores; the debrief's final ones blend the whole run with the
                    // epilogue, so they differ.
                    ui.label(format!("This week: culture {:.1}", s.after.culture));
                    delta(ui, s.after.culture - s.before.culture);
                    ui.label(format!("product {:.1}", s.after.product));
                    delta(ui, s.after.product - s.before.product);
                });
                // Salted by the week: each summary opens at its top, not where the last one
                // was left.
                egui::ScrollArea::vertical()
                    .id_salt(("week_summary", s.week))
                    .max_height(380.0)
                    .show(ui, |ui| {
                        if let Some(g) = st.game.as_ref() {
                            for m in &s.moments {
                                moment_card(ui, g, m, cmds);
                            }
                        }
                        // This week's decisions, each with What if not? (replayed away on the
                        // same random streams, during play as in the debrief).
                        if let Some(g) = st.game.as_ref()
                            && let Some(queued) = g.decisions.get(s.week.saturating_sub(1) as usize)
                            && !queued.is_empty()
                        {
                            section(ui, "Your decisions this week");
                            for (index, a) in queued.iter().enumerate() {
                                ui.horizontal(|ui| {
                                    if ui
                                        .small_button("What if not?")
                                        .on_hover_text("Replay the weeks so far without this decision, on the same random streams, and compare.")
                                        .clicked()
                                    {
                                        cmds.push(Command::WhatIfDrop { week: s.week, index });
                                    }
                                    // Described as it was applied (before the week changed the
                                    // world), unless some were refused and the lists differ.
                                    let said = if s.applied.len() == queued.len() {
                                        s.applied[index].clone()
                                    } else {
                                        catalog::describe(g.world(), a)
                                    };
                                    ui.label(said);
                                });
                            }
                        }
                        if let Some(a) = &s.by_decisions {
                            decisions_so_far(ui, a);
                        }
                        moves(ui, "What moved culture this week", &s.culture_moves);
                        moves(ui, "What moved product success this week", &s.product_moves);
                        let groups = [
                            ("resignation", "Resignations"),
                            ("exit", "People who left"),
                            ("shipped", "Shipped"),
                            ("demand", "Demands"),
                            ("discovery", "Ideas and experiments"),
                            ("watermelon", "Watermelons revealed"),
                            ("missed", "Missed deadlines"),
                            ("reveal", "Revealed"),
                            ("hire", "Hires"),
                            ("layoff", "Layoffs"),
                            ("event", "Events"),
                        ];
                        for (kind, title) in groups {
                            let items: Vec<&str> = s.of_kind(kind).collect();
                            if !items.is_empty() {
                                section(ui, title);
                                for t in items {
                                    ui.label(format!("• {t}"));
                                }
                            }
                        }
                        if !s.refused.is_empty() {
                            section(ui, "Refused when the week was played");
                            for r in &s.refused {
                                ui.label(format!("• {r}"));
                            }
                        }
                    });
                let over = st.game.as_ref().is_some_and(|g| g.is_over());
                let label = if over {
                    "See the debrief  [Enter]"
                } else {
                    "Plan the next week  [Enter]"
                };
                if ui.button(RichText::new(label).strong()).clicked() {
                    cmds.push(Command::CloseOverlay);
                }
            });
            guide::mark(ctx, crate::gui::guide::Target::Summary, shown.response.rect);
        }
    }
}

/// One moment of the week as a card: a coloured frame, its title, what it means and, when it
/// offers a decision, a button that queues it for the coming week.
fn moment_card(
    ui: &mut Ui,
    g: &crate::gui::game::Game,
    m: &crate::gui::moments::Moment,
    cmds: &mut Vec<Command>,
) {
    use crate::gui::moments::MomentKind;
    let (colour, mark) = match m.kind {
        MomentKind::Shipped => (egui::Color32::from_rgb(46, 125, 50), "Released"),
        MomentKind::Stopped => (egui::Color32::from_rgb(30, 100, 160), "Learned"),
        MomentKind::Resigned => (egui::Color32::from_rgb(180, 60, 50), "Leaving"),
        MomentKind::MissedDate => (egui::Color32::from_rgb(190, 120, 20), "Late"),
        MomentKind::WentAround => (egui::Color32::from_rgb(150, 70, 140), "Demand"),
        MomentKind::Conversation => (egui::Color32::from_rgb(90, 110, 130), "1:1"),
        MomentKind::Warning => (egui::Color32::from_rgb(200, 90, 40), "Warning"),
        MomentKind::OutOfWork => (egui::Color32::from_rgb(110, 110, 40), "Next bet"),
        MomentKind::Praise => (egui::Color32::from_rgb(40, 120, 110), "Praise"),
    };
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(2.0, colour))
        .inner_margin(egui::Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(mark).color(colour).strong());
                ui.label(RichText::new(&m.title).strong().size(16.0));
            });
            for l in &m.lines {
                ui.label(l);
            }
            for (label, action) in &m.offers {
                let queued = g.queued().contains(action);
                let price = g.price(action);
                let tip = match &price {
                    Ok(c) => format!("Queued for week {}. Cost: {}.", g.week(), cost_text(c)),
                    Err(e) => format!("Not possible now: {}.", e.reason),
                };
                if queued {
                    ui.label(
                        RichText::new(format!("{label}: queued for week {}", g.week())).weak(),
                    );
                } else if ui
                    .add_enabled(
                        price.is_ok() && !g.is_over(),
                        egui::Button::new(label.as_str()),
                    )
                    .on_hover_text(&tip)
                    .on_disabled_hover_text(&tip)
                    .clicked()
                {
                    cmds.push(Command::Queue(action.clone()));
                }
            }
        });
    ui.add_space(4.0);
}

/// The week summary's lead: the player's decisions so far against a caretaker in the same
/// world, and the three decision groups that moved the scores most.
fn decisions_so_far(ui: &mut Ui, a: &crate::headless::attribution::Attribution) {
    section(ui, "Your decisions so far");
    ui.horizontal(|ui| {
        ui.label("Against a caretaker in the same world, so far (the debrief adds the epilogue): culture");
        delta(ui, a.you.0 - a.caretaker.0);
        ui.label("product");
        delta(ui, a.you.1 - a.caretaker.1);
    });
    let mut lines: Vec<&crate::headless::attribution::DecisionLine> = a
        .lines
        .iter()
        .filter(|l| l.culture.abs() >= 0.1 || l.product.abs() >= 0.1)
        .collect();
    lines.sort_by(|x, y| {
        (y.culture.abs() + y.product.abs()).total_cmp(&(x.culture.abs() + x.product.abs()))
    });
    for l in lines.into_iter().take(3) {
        ui.horizontal_wrapped(|ui| {
            ui.label("culture");
            delta(ui, l.culture);
            ui.label("product");
            delta(ui, l.product);
            ui.label(&l.label);
        });
        ui.indent(("how", &l.label), |ui| {
            ui.label(RichText::new(&l.mechanism).weak())
        });
    }
}

fn moves(ui: &mut Ui, title: &str, m: &[(crate::model::Driver, f64)]) {
    section(ui, title);
    if m.is_empty() {
        ui.label("Nothing by more than a tenth of a point.");
    }
    for (d, v) in m {
        ui.horizontal(|ui| {
            delta(ui, *v);
            ui.label(d.label());
            if let Some(l) = d.feedback_loop() {
                ui.label(RichText::new(format!("(part of {})", l.name())).weak())
                    .on_hover_text(l.explanation());
            }
        });
    }
}

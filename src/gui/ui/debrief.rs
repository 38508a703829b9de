//! The debrief: both scores with sub-scores, the culture × product 2×2 with the player's path,
//! the top causes of each score in plain sentences, the decisions timeline and the charts.

use bevy_egui::egui::{self, Color32, RichText, Ui};

use super::charts;
use super::widgets::{palette, plain, section};
use crate::gui::game::Game;
use crate::gui::state::{Command, GuiState};
use crate::headless::RunReport;
use crate::headless::attribution::Attribution;
use crate::score::Cause;

pub fn draw(ui: &mut Ui, st: &GuiState, cmds: &mut Vec<Command>) {
    let Some(g) = st.game.as_ref() else {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("No finished game.");
        });
        return;
    };
    let Some(r) = g.report.as_ref() else {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("The game is not finished yet.");
        });
        return;
    };
    egui::Panel::top("debrief_top").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!("Debrief — {}", g.scenario.raw.title));
            if ui.button("Back to title  [Esc]").clicked() {
                cmds.push(Command::BackToTitle);
            }
            if ui
                .button("Export report  [R]")
                .on_hover_text("Write this debrief as a web page and a Markdown file, with luck vs skill over 50 seeds.")
                .clicked()
            {
                cmds.push(Command::ExportReport);
            }
            if let Some(m) = &st.message {
                ui.label(m);
            }
            let label = if st.settings.charts_as_tables {
                "Charts as plots  [T]"
            } else {
                "Charts as tables  [T]"
            };
            if ui.button(label).clicked() {
                cmds.push(Command::ToggleTables);
            }
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.columns(2, |cols| {
                scores(&mut cols[0], g, r);
                quadrant(&mut cols[1], g, r);
            });
            if let Some(a) = &r.debrief.by_decisions {
                by_decisions(ui, a);
            }
            if let Some(p) = &g.profile {
                profile(ui, p);
            }
            // The ledger is the mechanism view: open by default only when there is no
            // debrief by decisions to lead with.
            egui::CollapsingHeader::new("The mechanisms: what the model's ledger credits")
                .default_open(r.debrief.by_decisions.is_none())
                .show(ui, |ui| {
                    ui.columns(2, |cols| {
                        causes(
                            &mut cols[0],
                            "What moved culture",
                            &r.debrief.culture_up,
                            &r.debrief.culture_down,
                        );
                        causes(
                            &mut cols[1],
                            "What moved product success",
                            &r.debrief.product_up,
                            &r.debrief.product_down,
                        );
                    });
                });
            section(ui, "Lesson");
            ui.label(g.scenario.raw.lesson.trim());
            timeline(ui, g, cmds);
            let hist = g.score_history();
            let t = st.settings.charts_as_tables;
            charts::chart(
                ui,
                "d_scores",
                "Culture and product by week",
                &charts::score_series(&hist),
                t,
                200.0,
                g.weeks(),
            );
            charts::chart(
                ui,
                "d_culture",
                "Culture sub-scores",
                &charts::culture_subscores(&hist),
                t,
                180.0,
                g.weeks(),
            );
            charts::chart(
                ui,
                "d_product",
                "Product sub-scores",
                &charts::product_subscores(&hist),
                t,
                180.0,
                g.weeks(),
            );
        });
    });
}

/// The debrief by decisions: the player against the caretaker in the same world, and the
/// decision groups that moved each score, measured by replay.
/// The leadership profile: the four axes against the servant line, with a coach's feedback.
fn profile(ui: &mut Ui, p: &crate::report::profile::Profile) {
    section(ui, "Your leadership profile");
    ui.label(
        RichText::new(
            "How you led, by the four things leaders of empowered teams do, against the servant line in the same world.",
        )
        .weak(),
    );
    egui::Grid::new("profile").striped(true).show(ui, |ui| {
        for h in ["", "You", "Servant line", "Feedback"] {
            ui.label(RichText::new(h).strong());
        }
        ui.end_row();
        for a in &p.axes {
            ui.label(RichText::new(a.axis.label()).strong())
                .on_hover_text(a.axis.meaning());
            ui.label(a.yours.to_string());
            ui.label(a.servant.to_string());
            ui.add(egui::Label::new(&a.feedback).wrap())
                .on_hover_text(if a.behind.is_empty() {
                    "No decisions on this axis.".to_string()
                } else {
                    format!("Your decisions: {}", a.behind)
                });
            ui.end_row();
        }
    });
    for t in &p.traits {
        ui.label(format!("• {t}"));
    }
}

fn by_decisions(ui: &mut Ui, a: &Attribution) {
    section(ui, "Your decisions that moved the scores");
    let (y, c) = (a.you, a.caretaker);
    ui.label(format!(
        "A caretaker in the same world, with the same luck, would have scored culture {:.1} ({:+.1} for you) and product success {:.1} ({:+.1} for you). Each line below replays your game with the caretaker deciding in that topic instead.",
        c.0,
        y.0 - c.0,
        c.1,
        y.1 - c.1
    ));
    ui.columns(2, |cols| {
        for (col, culture, what, together) in [
            (0, true, "Culture", a.together.0),
            (1, false, "Product success", a.together.1),
        ] {
            let ui = &mut cols[col];
            ui.label(RichText::new(what).strong());
            let moved = a.moved(culture, 0.1);
            if moved.is_empty() {
                ui.label(
                    RichText::new("No decision of yours moved it by 0.1 points or more.").weak(),
                );
            }
            for l in moved.into_iter().take(6) {
                let pts = if culture { l.culture } else { l.product };
                let colour = if pts >= 0.0 {
                    palette::BLUE
                } else {
                    palette::VERMILLION
                };
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("{pts:+.1}")).strong().color(colour));
                    ui.label(l.title());
                });
                ui.indent(("how", &l.label), |ui| ui.label(RichText::new(&l.mechanism).weak()));
            }
            if together.abs() >= 0.1 {
                ui.label(format!(
                    "{together:+.1}  your decisions together (overlap, or decisions that only work together)"
                ));
            }
        }
    });
    if !a.alternatives.is_empty() {
        ui.label(
            RichText::new(
                "What complying cost (against the same game with those demands shielded)",
            )
            .strong(),
        );
        for l in &a.alternatives {
            ui.horizontal_wrapped(|ui| {
                ui.label("culture");
                super::widgets::delta(ui, l.culture);
                ui.label("product");
                super::widgets::delta(ui, l.product);
                ui.label(l.title());
            });
            ui.indent(("how", &l.label), |ui| {
                ui.label(RichText::new(&l.mechanism).weak())
            });
        }
    }
    if !a.situation.is_empty() {
        ui.label(
            RichText::new(format!(
                "The situation (what moved in the caretaker's game; on culture the caretaker scores 50 by definition, so this is what you were measured against): {}",
                a.situation.join("; ")
            ))
            .weak(),
        );
    }
}

fn scores(ui: &mut Ui, g: &Game, r: &RunReport) {
    section(ui, "Your scores");
    ui.label(
        RichText::new(format!("Culture {:.1}", r.culture))
            .size(22.0)
            .color(palette::BLUE),
    );
    ui.label(
        RichText::new(format!("Product success {:.1}", r.product))
            .size(22.0)
            .color(palette::ORANGE),
    );
    ui.label(format!(
        "Combined {:.1} · {}",
        r.combined, r.debrief.quadrant
    ));
    ui.label(
        RichText::new(
            "50 is par: a culture part at 50 is what a caretaker would have achieved with \
             the same people and luck; a product part at 50 is where the product stood at the \
             start. Each score blends the run's average with the last 4 weeks of an 8-week \
             caretaker epilogue.",
        )
        .weak(),
    );
    if let Some(last) = g.sim.history().weeks.last() {
        // Culture's sub-scores beside product's, so the debrief by decisions fits above the fold.
        let subs = last.subscores();
        let (culture, product): (Vec<_>, Vec<_>) = subs
            .iter()
            .partition(|(name, _)| subscore_label(name).starts_with("Culture"));
        egui::Grid::new("subscores").striped(true).show(ui, |ui| {
            for i in 0..culture.len().max(product.len()) {
                for side in [&culture, &product] {
                    match side.get(i) {
                        Some((name, v)) => {
                            ui.label(subscore_label(name));
                            ui.label(format!("{v:.1}"));
                        }
                        None => {
                            ui.label("");
                            ui.label("");
                        }
                    }
                }
                ui.end_row();
            }
        });
    }
    ui.label(format!(
        "Resignations {} · layoffs {} · initiatives shipped {} · actions refused {}",
        r.debrief.voluntary_exits, r.debrief.layoffs, r.debrief.shipped, r.debrief.refused_actions
    ));
}

pub use crate::score::subscore_label;

/// The 2×2 with the player's weekly path from week 0 (hollow) to the end (filled).
fn quadrant(ui: &mut Ui, g: &Game, r: &RunReport) {
    section(ui, "Culture × product");
    let size = egui::vec2(ui.available_width().min(360.0), 300.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let p = ui.painter_at(rect);
    let plot = rect.shrink2(egui::vec2(30.0, 20.0));
    let at = |culture: f64, product: f64| {
        egui::pos2(
            plot.left() + plot.width() * (culture.clamp(0.0, 100.0) / 100.0) as f32,
            plot.bottom() - plot.height() * (product.clamp(0.0, 100.0) / 100.0) as f32,
        )
    };
    let text = ui.visuals().text_color();
    let faint = ui.visuals().faint_bg_color;
    p.rect_filled(plot, 0.0, faint);
    let mid = at(50.0, 50.0);
    p.line_segment(
        [
            egui::pos2(mid.x, plot.top()),
            egui::pos2(mid.x, plot.bottom()),
        ],
        (1.0, Color32::GRAY),
    );
    p.line_segment(
        [
            egui::pos2(plot.left(), mid.y),
            egui::pos2(plot.right(), mid.y),
        ],
        (1.0, Color32::GRAY),
    );
    let font = egui::FontId::proportional(12.0);
    p.text(
        at(75.0, 97.0),
        egui::Align2::CENTER_TOP,
        "High performance",
        font.clone(),
        text,
    );
    p.text(
        at(25.0, 97.0),
        egui::Align2::CENTER_TOP,
        "Death march",
        font.clone(),
        text,
    );
    p.text(
        at(75.0, 3.0),
        egui::Align2::CENTER_BOTTOM,
        "Country club",
        font.clone(),
        text,
    );
    p.text(
        at(25.0, 3.0),
        egui::Align2::CENTER_BOTTOM,
        "Stagnation",
        font.clone(),
        text,
    );
    p.text(
        egui::pos2(plot.center().x, rect.bottom()),
        egui::Align2::CENTER_BOTTOM,
        "culture (higher to the right)",
        font.clone(),
        text,
    );
    p.text(
        // Above the plot, on one line: beside it, the label wrapped across the midline.
        egui::pos2(rect.left(), rect.top()),
        egui::Align2::LEFT_TOP,
        "product (higher up)",
        font.clone(),
        text,
    );
    let hist = g.score_history();
    let pts: Vec<egui::Pos2> = hist.iter().map(|w| at(w.culture, w.product)).collect();
    if pts.len() > 1 {
        p.add(egui::Shape::line(
            pts.clone(),
            egui::Stroke::new(2.0, palette::BLUE),
        ));
    }
    if let Some(first) = pts.first() {
        p.circle_stroke(*first, 5.0, (2.0, palette::BLUE));
    }
    p.circle_filled(at(r.culture, r.product), 7.0, palette::ORANGE);
    ui.label(format!(
        "Path: week 0 (hollow) to week {}; the orange dot is the final score ({}).",
        g.weeks(),
        r.debrief.quadrant
    ));
}

fn causes(ui: &mut Ui, title: &str, up: &[Cause], down: &[Cause]) {
    section(ui, title);
    if up.is_empty() && down.is_empty() {
        ui.label("Nothing moved it by more than a tenth of a point.");
    }
    for c in up.iter().take(4) {
        ui.label(RichText::new(format!("+ {}", plain(&c.sentence))).color(palette::BLUE));
    }
    for c in down.iter().take(4) {
        ui.label(RichText::new(format!("- {}", plain(&c.sentence))).color(palette::VERMILLION));
    }
}

fn timeline(ui: &mut Ui, g: &Game, cmds: &mut Vec<Command>) {
    section(ui, "Key decisions and events, week by week");
    ui.label(
        RichText::new("\"What if not?\" replays the game without that decision, on the same luck, and compares.")
            .weak(),
    );
    for s in &g.summaries {
        let notable: Vec<&str> = s
            .events
            .iter()
            .filter(|(k, _)| {
                matches!(
                    k.as_str(),
                    "resignation"
                        | "exit"
                        | "shipped"
                        | "layoff"
                        | "watermelon"
                        | "missed"
                        | "event"
                        | "reveal"
                )
            })
            .map(|(_, t)| t.as_str())
            .collect();
        let decided = g
            .decisions
            .get(s.week.saturating_sub(1) as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if decided.is_empty() && notable.is_empty() {
            continue;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("Week {}:", s.week)).strong());
            ui.label(
                RichText::new(format!(
                    "culture {:+.1}, product {:+.1}",
                    s.after.culture - s.before.culture,
                    s.after.product - s.before.product
                ))
                .weak(),
            );
        });
        ui.indent(("week", s.week), |ui| {
            for (i, a) in decided.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(format!(
                        "you: {}",
                        crate::gui::catalog::describe(g.world(), a)
                    ));
                    if ui.small_button("What if not?").clicked() {
                        cmds.push(Command::WhatIfDrop {
                            week: s.week,
                            index: i,
                        });
                    }
                });
            }
            for e in notable {
                ui.label(RichText::new(e).italics());
            }
        });
    }
}

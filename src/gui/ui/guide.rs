//! Draws the guided game's hint (`gui::guide`): a card beside what it points at, an outline
//! around the target and an arrow from the card to it. The screens record their targets'
//! rectangles with `mark` as they lay themselves out; the hint is drawn last, over everything,
//! and never on top of its own target.

use bevy_egui::egui::{self, Id, LayerId, Order, Pos2, Rect, RichText, Stroke, StrokeKind, Vec2};

use super::widgets::palette;
use crate::gui::guide::{self, Step, Target};
use crate::gui::state::{Command, GuiState};

/// The card's width; its height follows its text.
const CARD_WIDTH: f32 = 300.0;
/// Space between the card and its target.
const GAP: f32 = 18.0;

fn key(t: Target) -> Id {
    Id::new(("guide_target", t))
}

/// Records where `t` is on screen this frame.
pub fn mark(ctx: &egui::Context, t: Target, rect: Rect) {
    ctx.data_mut(|d| d.insert_temp(key(t), rect));
}

/// Forgets last frame's targets (a screen that is gone must not be pointed at).
pub fn clear(ctx: &egui::Context) {
    ctx.data_mut(|d| {
        for t in Target::ALL {
            d.remove::<Rect>(key(t));
        }
    });
}

/// Where `t` was laid out this frame.
pub fn target_rect(ctx: &egui::Context, t: Target) -> Option<Rect> {
    ctx.data(|d| d.get_temp::<Rect>(key(t)))
}

/// Where the hint was drawn this frame: its card and what it points at (for tests).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub step: Step,
    pub card: Rect,
    pub target: Option<Rect>,
}

fn placed_id() -> Id {
    Id::new("guide_placed")
}

/// The hint drawn this frame, if any.
pub fn placed(ctx: &egui::Context) -> Option<Placed> {
    ctx.data(|d| d.get_temp::<Placed>(placed_id()))
}

/// Draws the current hint, if there is one.
pub fn draw(ctx: &egui::Context, st: &GuiState, cmds: &mut Vec<Command>) {
    let Some(h) = guide::current(st) else {
        ctx.data_mut(|d| d.remove::<Placed>(placed_id()));
        return;
    };
    let screen = ctx.content_rect();
    let target = h.target.and_then(|t| target_rect(ctx, t));
    // Last frame's card size places this frame's card; the first frame estimates it.
    let size_id = Id::new(("guide_card_size", h.step));
    let size = ctx
        .data(|d| d.get_temp::<Vec2>(size_id))
        .unwrap_or(egui::vec2(CARD_WIDTH, 170.0));
    let pos = place(screen, target, size);
    let area = egui::Area::new(Id::new("guide_card"))
        .order(Order::Tooltip)
        .fixed_pos(pos)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .stroke(Stroke::new(2.0, palette::BLUE))
                .show(ui, |ui| {
                    ui.set_width(CARD_WIDTH - 16.0);
                    ui.label(
                        RichText::new(format!("Guide: {}", h.title))
                            .strong()
                            .color(palette::BLUE),
                    );
                    ui.label(&h.text);
                    ui.horizontal(|ui| {
                        if h.next && ui.button("Next").clicked() {
                            cmds.push(Command::GuideNext(h.step));
                        }
                        if ui
                            .button("Hide hints")
                            .on_hover_text("The Hints button in the top bar shows them again.")
                            .clicked()
                        {
                            cmds.push(Command::ToggleHints);
                        }
                    });
                });
        });
    let card = area.response.rect;
    ctx.data_mut(|d| d.insert_temp(size_id, card.size()));
    if let Some(t) = target {
        let painter = ctx.layer_painter(LayerId::new(Order::Tooltip, Id::new("guide_arrow")));
        let stroke = Stroke::new(3.0, palette::BLUE);
        painter.rect_stroke(t.shrink(2.0), 6.0, stroke, StrokeKind::Inside);
        if !card.intersects(t) {
            let from = card.clamp(t.center());
            let to = t.clamp(card.center());
            painter.arrow(from, to - from, stroke);
        }
    }
    ctx.data_mut(|d| {
        d.insert_temp(
            placed_id(),
            Placed {
                step: h.step,
                card,
                target,
            },
        )
    });
}

/// Where the card's top-left corner goes: beside the target, on the side where it fits (above
/// or below a wide target, left or right of a tall one), inside a target too big to stand
/// beside, top right when there is no target; always on screen.
pub fn place(screen: Rect, target: Option<Rect>, size: Vec2) -> Pos2 {
    let on_screen = |p: Pos2| {
        let max = screen.max - size - egui::vec2(8.0, 8.0);
        let min = screen.min + egui::vec2(8.0, 8.0);
        Pos2::new(
            p.x.clamp(min.x, max.x.max(min.x)),
            p.y.clamp(min.y, max.y.max(min.y)),
        )
    };
    let Some(t) = target else {
        return on_screen(Pos2::new(
            screen.right() - size.x - 16.0,
            screen.top() + 64.0,
        ));
    };
    let inside = on_screen(Pos2::new(
        t.right() - size.x - GAP,
        t.bottom() - size.y - GAP,
    ));
    // A target that fills much of the screen (the map) has nothing beside it worth covering
    // less than itself: the card goes inside, at its bottom right.
    if t.area() > 0.3 * screen.area() {
        return inside;
    }
    // Each side with the room it needs on its own axis; the other axis is clamped on screen.
    let above = (
        Pos2::new(t.center().x - size.x / 2.0, t.top() - GAP - size.y),
        t.top() - GAP - size.y >= screen.top(),
    );
    let below = (
        Pos2::new(t.center().x - size.x / 2.0, t.bottom() + GAP),
        t.bottom() + GAP + size.y <= screen.bottom(),
    );
    let left = (
        Pos2::new(t.left() - GAP - size.x, t.center().y - size.y / 2.0),
        t.left() - GAP - size.x >= screen.left(),
    );
    let right = (
        Pos2::new(t.right() + GAP, t.center().y - size.y / 2.0),
        t.right() + GAP + size.x <= screen.right(),
    );
    let order = if t.width() > t.height() {
        [above, below, left, right]
    } else {
        [left, right, above, below]
    };
    match order.into_iter().find(|(_, room)| *room) {
        Some((p, _)) => on_screen(p),
        // No room beside it: inside it.
        None => inside,
    }
}

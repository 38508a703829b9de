//! Renders interface states to images with no window (BUILD.md "No window at all"): the camera
//! draws into an image, egui draws on that camera, and `Screenshot::image` reads it back.
//! Used by the golden-image tests; needs a Vulkan adapter (Mesa's software one will do).

use std::sync::{Arc, Mutex};

use bevy::camera::RenderTarget;
use bevy::prelude::*;
use bevy::render::render_resource::TextureFormat;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use bevy::window::ExitCondition;
use bevy_egui::{EguiGlobalSettings, EguiPlugin, EguiPrimaryContextPass, PrimaryEguiContext};

use super::state::GuiState;

/// Why nothing could be rendered.
#[derive(Debug)]
pub enum RenderError {
    /// No Vulkan adapter on this machine (install mesa-vulkan-drivers and libvulkan1).
    NoAdapter,
    Failed(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::NoAdapter => write!(
                f,
                "no Vulkan adapter (on Debian: apt-get install mesa-vulkan-drivers libvulkan1)"
            ),
            RenderError::Failed(m) => write!(f, "{m}"),
        }
    }
}

/// True if wgpu finds a Vulkan adapter here (a software one counts).
pub fn adapter_available() -> bool {
    let instance = wgpu::Instance::new(wgpu::InstanceDescriptor {
        backends: wgpu::Backends::VULKAN,
        ..wgpu::InstanceDescriptor::new_without_display_handle()
    });
    !bevy::tasks::block_on(instance.enumerate_adapters(wgpu::Backends::VULKAN)).is_empty()
}

#[derive(Resource, Clone, Default)]
struct Captured(Arc<Mutex<Option<Image>>>);

#[derive(Resource)]
struct Target(Handle<Image>);

/// Renders each state at `width`×`height` (logical = physical pixels) and returns RGBA images
/// in the same order.
pub fn render(
    states: Vec<GuiState>,
    width: u32,
    height: u32,
) -> Result<Vec<image::RgbaImage>, RenderError> {
    if !adapter_available() {
        return Err(RenderError::NoAdapter);
    }
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: None,
                exit_condition: ExitCondition::DontExit,
                close_when_requested: false,
                ..default()
            })
            .disable::<bevy::winit::WinitPlugin>()
            .disable::<bevy::log::LogPlugin>(),
    )
    .add_plugins(EguiPlugin::default())
    .insert_resource(ClearColor(Color::srgb(0.1, 0.1, 0.12)))
    .insert_resource(Captured::default())
    .add_systems(EguiPrimaryContextPass, super::ui_system)
    .add_systems(
        PostUpdate,
        super::refresh_egui_textures.after(bevy_egui::EguiPostUpdateSet::PostProcessOutput),
    );
    app.world_mut()
        .resource_mut::<EguiGlobalSettings>()
        .auto_create_primary_context = false;
    let image = Image::new_target_texture(width, height, TextureFormat::Rgba8UnormSrgb, None);
    let handle = app.world_mut().resource_mut::<Assets<Image>>().add(image);
    app.world_mut().spawn((
        Camera2d,
        RenderTarget::Image(handle.clone().into()),
        PrimaryEguiContext,
    ));
    app.insert_resource(Target(handle));
    app.finish();
    app.cleanup();
    let mut out = Vec::new();
    for st in states {
        app.insert_non_send(st);
        // A few frames: egui lays out modals and sizes windows over two passes.
        for _ in 0..6 {
            app.update();
        }
        let captured = app.world().resource::<Captured>().clone();
        *captured
            .0
            .lock()
            .map_err(|e| RenderError::Failed(e.to_string()))? = None;
        let h = app.world().resource::<Target>().0.clone();
        let sink = captured.clone();
        app.world_mut()
            .spawn(Screenshot::image(h))
            .observe(move |ev: On<ScreenshotCaptured>| {
                if let Ok(mut slot) = sink.0.lock() {
                    *slot = Some(ev.image.clone());
                }
            });
        let mut got = None;
        for _ in 0..200 {
            app.update();
            if let Some(img) = captured.0.lock().ok().and_then(|mut s| s.take()) {
                got = Some(img);
                break;
            }
        }
        let img = got.ok_or_else(|| RenderError::Failed("the screenshot never arrived".into()))?;
        let dynamic = img
            .try_into_dynamic()
            .map_err(|e| RenderError::Failed(e.to_string()))?;
        out.push(dynamic.to_rgba8());
    }
    Ok(out)
}

//! Rasterising the charts' SVG to PNG, for slides and documents that cannot
//! embed SVG. The webview renders text with whatever fonts the desktop has;
//! here resvg needs real font files, so the system's fonts are loaded once per
//! process and the generic `sans-serif` that ends the charts' font stack is
//! pointed at a sans-serif face that is actually installed (Inter or Segoe UI
//! when present, DejaVu Sans on a bare Debian machine).

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use crate::error::{ChartError, Result};

/// Sans-serif families that look right in the charts, best first. The first
/// two are the start of the charts' font stack; the rest are common stand-ins
/// with similar widths, then DejaVu Sans, which every Debian machine with
/// fontconfig has.
const SANS_SERIF: [&str; 10] = [
    "Inter",
    "Segoe UI",
    "Liberation Sans",
    "Arimo",
    "Noto Sans",
    "Open Sans",
    "Roboto",
    "Arial",
    "Helvetica",
    "DejaVu Sans",
];

/// The largest PNG side in pixels; a bigger scale is refused rather than
/// allocating hundreds of megabytes.
const MAX_SIDE: f32 = 16_384.0;

/// The fonts found on this machine and the family standing in for
/// `sans-serif`, or `None` when no font was found at all.
struct Fonts {
    database: Arc<fontdb::Database>,
    sans_serif: Option<String>,
}

/// Scanning the font folders takes tens of milliseconds, so it is done once.
fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut database = fontdb::Database::new();
        database.load_system_fonts();
        let sans_serif = pick_sans_serif(&database);
        if let Some(family) = &sans_serif {
            database.set_sans_serif_family(family.clone());
        }
        Fonts {
            database: Arc::new(database),
            sans_serif,
        }
    })
}

/// The first of [`SANS_SERIF`] that is installed, else the family of any
/// installed face, so that text renders in something rather than not at all.
fn pick_sans_serif(database: &fontdb::Database) -> Option<String> {
    let installed = |name: &str| {
        database
            .faces()
            .any(|face| face.families.iter().any(|(family, _)| family == name))
    };
    SANS_SERIF
        .iter()
        .find(|name| installed(name))
        .map(|name| (*name).to_owned())
        .or_else(|| {
            database
                .faces()
                .find_map(|face| face.families.first().map(|(family, _)| family.clone()))
        })
}

/// Rasterises an SVG produced by this crate (or any SVG without external
/// images) to PNG bytes, `scale` times its size: 2.0 gives a crisp image on a
/// slide.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>> {
    if !scale.is_finite() || scale <= 0.0 {
        return Err(ChartError::InvalidScale { scale });
    }
    let fonts = fonts();
    let Some(family) = &fonts.sans_serif else {
        return Err(ChartError::NoFonts);
    };

    let options = usvg::Options {
        font_family: family.clone(),
        fontdb: Arc::clone(&fonts.database),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)?;

    let size = tree.size();
    let (width, height) = (size.width() * scale, size.height() * scale);
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(ChartError::InvalidScale { scale });
    }
    let (width, height) = (
        width.round().max(1.0) as u32,
        height.round().max(1.0) as u32,
    );
    let mut pixmap = Pixmap::new(width, height).ok_or(ChartError::InvalidScale { scale })?;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|cause| ChartError::PngEncoding {
            message: cause.to_string(),
        })
}

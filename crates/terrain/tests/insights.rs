//! Insights on real data: every chart draws, charts save as PNG and SVG, and the review pack
//! holds a PNG of each chart and a workbook with native charts.

mod common;

use terrain::views::{ChartKind, ChartQuery, Period, ReviewPackInput, SaveChartInput};
use terrain::Workspace;

use common::maven_files;

async fn maven(dir: &tempfile::TempDir) -> Workspace {
    let workspace = Workspace::open(&dir.path().join("w.terrain"))
        .await
        .expect("open");
    workspace
        .import_and_plan(&maven_files())
        .await
        .expect("import");
    workspace
}

#[tokio::test]
async fn every_chart_draws_on_the_maven_files_with_its_title_and_no_nan() {
    let dir = tempfile::tempdir().expect("dir");
    let workspace = maven(&dir).await;
    for kind in ChartKind::ALL {
        let chart = workspace
            .chart(&ChartQuery {
                kind,
                period: Period::default(),
            })
            .await
            .expect("chart");
        assert!(chart.svg.starts_with("<svg"), "{kind:?}");
        assert!(!chart.svg.contains("NaN"), "{kind:?}");
        assert!(
            !chart.svg.contains("No data"),
            "{kind:?} has data on the Maven files"
        );
        assert!(chart.subtitle.starts_with("All time"), "{}", chart.subtitle);
    }
}

#[tokio::test]
async fn a_period_narrows_the_figures_and_a_reversed_one_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let workspace = maven(&dir).await;
    let all = workspace
        .metrics(&Period::default())
        .await
        .expect("all time");
    let half = Period {
        from: Some("2017-01-01".into()),
        to: Some("2017-06-30".into()),
    };
    let first_half = workspace.metrics(&half).await.expect("first half");
    assert!(first_half.overall.won < all.overall.won);
    assert_eq!(first_half.period, half);
    assert_eq!(first_half.by_plan.len(), 1);

    let reversed = Period {
        from: Some("2017-06-30".into()),
        to: Some("2017-01-01".into()),
    };
    let error = workspace
        .metrics(&reversed)
        .await
        .expect_err("reversed period");
    assert!(error.to_string().contains("after it ends"), "{error}");
    let garbled = Period {
        from: Some("30/06/2017".into()),
        to: None,
    };
    assert!(workspace
        .metrics(&garbled)
        .await
        .is_err_and(|e| e.to_string().contains("YYYY-MM-DD")));
}

#[tokio::test]
async fn a_chart_saves_as_png_and_as_svg_and_refuses_other_formats() {
    let dir = tempfile::tempdir().expect("dir");
    let workspace = maven(&dir).await;
    let save = |name: &str| SaveChartInput {
        kind: ChartKind::ExpectedValueByRep,
        period: Period::default(),
        path: dir.path().join(name).display().to_string(),
    };
    workspace.save_chart(&save("ev.png")).await.expect("png");
    let png = std::fs::read(dir.path().join("ev.png")).expect("read png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    workspace.save_chart(&save("ev.svg")).await.expect("svg");
    let svg = std::fs::read_to_string(dir.path().join("ev.svg")).expect("read svg");
    assert!(svg.contains("Expected value per rep"));
    assert!(workspace.save_chart(&save("ev.gif")).await.is_err());
    assert!(!dir.path().join("ev.gif").exists());
}

#[tokio::test]
async fn the_review_pack_holds_a_png_per_chart_and_a_workbook_with_native_charts() {
    let dir = tempfile::tempdir().expect("dir");
    let workspace = maven(&dir).await;
    let folder = dir.path().join("pack");
    std::fs::create_dir(&folder).expect("mkdir");
    let result = workspace
        .export_review_pack(&ReviewPackInput {
            folder: folder.display().to_string(),
            period: Period::default(),
        })
        .await
        .expect("review pack");
    assert_eq!(result.files.len(), ChartKind::ALL.len() + 1);
    let pngs = std::fs::read_dir(&folder)
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
        .count();
    assert_eq!(pngs, ChartKind::ALL.len());
    let workbook = std::fs::read(folder.join("review-pack.xlsx")).expect("workbook");
    assert_eq!(&workbook[..2], b"PK");
    // Zip entry names are stored as plain text: the workbook carries chart parts.
    let names = String::from_utf8_lossy(&workbook);
    assert!(names.contains("xl/charts/chart1.xml"));
    assert!(names.contains("xl/charts/chart6.xml"));
}

import Foundation

/// The printed summary of a run: one block per section, medians with [min–max] spreads.
enum Table {
    static func render(_ results: Results) -> String {
        var lines = ["frcnn-bench (\(results.mode)), \(results.date), \(results.machine.cpu), \(results.machine.cores) cores, "
            + "\(results.machine.threads) libtorch threads, libtorch \(results.machine.libtorch), "
            + String(format: "%.0f s", results.durationSeconds) + (results.complete ? "" : " (incomplete)")
            + ", load average " + [results.loadAverageStart, results.loadAverageEnd]
                .map { $0.map { String(format: "%.2f", $0) }.joined(separator: " ") }.joined(separator: " at start, ") + " at end",
            "values: median [min–max] over the repetitions; RSS: peak resident memory of the run's process"]
        func block(_ section: String, _ header: [String], _ row: (Record) -> [String]) {
            let records = results.records.filter { $0.section == section }
            guard !records.isEmpty else { return }
            let rows = [header] + records.map { [$0.label] + row($0) }
            let widths = header.indices.map { column in rows.map { $0[column].count }.max()! }
            lines.append("")
            for cells in rows {
                lines.append(zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                    .joined(separator: "  "))
            }
        }
        func spread(_ record: Record, _ key: String, _ decimals: Int = 1) -> String { record.spreads[key]?.text(decimals) ?? "-" }
        func value(_ record: Record, _ key: String, _ format: String) -> String {
            record.values[key].map { String(format: format, $0) } ?? "-"
        }
        let rss = { (record: Record) in value(record, "peak_rss_mib", "%.0f") }
        let efficiency = { (record: Record) in value(record, "efficiency_vs_matmul", "%.3f") }

        block("matmul", ["matmul", "GFLOP/s", "ms", "RSS MiB"]) { [spread($0, "gflop_per_s"), spread($0, "ms", 2), rss($0)] }
        block("train", ["train step", "images/s", "step s", "GFLOP/img", "eff.", "RSS MiB"]) {
            [spread($0, "images_per_s", 2), spread($0, "step_s", 2), value($0, "step_gflop_per_image", "%.1f"), efficiency($0), rss($0)]
        }
        block("largest_batch", ["largest batch", "line MiB", "MiB/image", "predicted 24 GiB", "budget MiB", "predicted budget",
                                "confirmed", "peak RSS MiB", "refit MiB/image", "refit 24 GiB"]) {
            [value($0, "fit_intercept_mib", "%.0f"), value($0, "fit_mib_per_image", "%.0f"), value($0, "predicted_batch_24gib", "%.0f"),
             value($0, "budget_mib", "%.0f"), value($0, "predicted_batch_budget", "%.0f"), value($0, "confirmed_batch", "%.0f"),
             value($0, "confirmed_peak_rss_mib", "%.0f"), value($0, "refit_mib_per_image", "%.0f"), value($0, "refit_batch_24gib", "%.0f")]
        }
        let phases = ["backbone", "rpn_and_proposals", "roi_sampling_and_crop", "rcnn_head", "losses", "backward", "optimizer"]
        block("train", ["train step split (median ms)"] + phases) { record in
            phases.map { record.spreads["phase_\($0)_ms"].map { String(format: "%.0f", $0.median) } ?? "-" }
        }
        block("inference", ["inference", "ms/image", "images/s", "GFLOP/img", "eff.", "RSS MiB"]) {
            let gflop = ($0.values["forward_conv_gflop_per_image"] ?? 0) + ($0.values["forward_matmul_gflop_per_image"] ?? 0)
            return [spread($0, "ms_per_image"), spread($0, "images_per_s", 2), String(format: "%.1f", gflop), efficiency($0), rss($0)]
        }
        block("onnx_runtime", ["libtorch vs ONNX Runtime (b1)", "libtorch images/s", "ORT fp32 images/s", "fp32/libtorch",
                               "ORT int8 images/s", "int8/libtorch", "RSS MiB"]) {
            [spread($0, "libtorch_images_per_s", 2), spread($0, "onnxruntime_fp32_images_per_s", 2),
             value($0, "onnxruntime_fp32_vs_libtorch", "%.2f"), spread($0, "onnxruntime_int8_images_per_s", 2),
             value($0, "onnxruntime_int8_vs_libtorch", "%.2f"), rss($0)]
        }
        block("evaluate", ["evaluate", "images/s", "RSS MiB"]) { [spread($0, "images_per_s", 2), rss($0)] }
        block("loader", ["loader (batch 8, augmented)", "images/s", "compute vs alone", "decode ms/img", "decode+aug ms/img", "RSS MiB"]) {
            [spread($0, "images_per_s"), spread($0, "compute_rate_vs_alone", 2), spread($0, "decode_ms_per_image"),
             spread($0, "decode_augment_ms_per_image"), rss($0)]
        }
        block("data_wait", ["training fed by loader", "wait ms", "compute ms", "wait share", "RSS MiB"]) {
            [spread($0, "wait_ms"), spread($0, "compute_ms", 0), value($0, "wait_share", "%.3f"), rss($0)]
        }
        block("backbone", ["backbone forward", "input", "ms/image", "RSS MiB"]) {
            [$0.settings["input"] ?? "-", spread($0, "ms_per_image"), rss($0)]
        }
        block("stages", ["CPU stages (ms)", "RPN targets", "proposal layer", "RoI sampling", "NMS 12000"]) {
            [spread($0, "rpn_targets_ms", 2), spread($0, "proposal_layer_ms", 2), spread($0, "roi_sampling_ms", 2),
             spread($0, "nms_12000_ms", 2)]
        }
        return lines.joined(separator: "\n")
    }
}

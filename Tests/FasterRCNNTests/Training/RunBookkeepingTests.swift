import Foundation
import Testing
@testable import FasterRCNN

@Suite("Early stopping and status.json")
struct RunBookkeepingTests {
    /// Keras semantics by hand: min_delta 0.1, patience 2 on losses 1.0, 0.95 (not better by 0.1), 0.85
    /// (better than 1.0 by more than 0.1), 0.80, 0.79 → stops after the fifth epoch.
    @Test func earlyStoppingFollowsKeras() {
        var stopping = EarlyStopping(minDelta: 0.1, patience: 2)
        let stop1_0 = stopping.shouldStop(afterLoss: 1.0)
        #expect(!stop1_0)
        #expect(stopping.state == EarlyStopping.State(best: 1.0, wait: 0))
        let stop0_95 = stopping.shouldStop(afterLoss: 0.95)
        #expect(!stop0_95)
        #expect(stopping.state.wait == 1)
        let stop0_85 = stopping.shouldStop(afterLoss: 0.85)
        #expect(!stop0_85)
        #expect(stopping.state == EarlyStopping.State(best: 0.85, wait: 0))
        let stop0_80 = stopping.shouldStop(afterLoss: 0.80)
        #expect(!stop0_80)
        let stop0_79 = stopping.shouldStop(afterLoss: 0.79)
        #expect(stop0_79)
    }

    @Test func earlyStoppingResumesFromSavedState() {
        var stopping = EarlyStopping(minDelta: 0, patience: 3, state: .init(best: 0.5, wait: 2))
        let stop0_5 = stopping.shouldStop(afterLoss: 0.5)  // equal is not an improvement
        #expect(stop0_5)
    }

    @Test func timedeltaMatchesPython() throws {
        let samples = [0, 0.5, 62.5, 3_723.000_001, 86_400, 200_000.25]
        let ours = samples.map(StatusLog.timedelta)
        let python = try DataTestSupport.python("""
        import sys, datetime
        for s in sys.argv[1:]: print(str(datetime.timedelta(seconds=float(s))))
        """, arguments: samples.map { String($0) }).split(separator: "\n").map(String.init)
        #expect(ours == python)
    }

    /// Lines are appended, one JSON object each, with TAO's fields.
    @Test func statusLinesAreAppendedJSON() throws {
        let folder = try DataTestSupport.scratchDirectory("status")
        let log = StatusLog(path: folder + "/status.json")
        try log.write(status: "STARTED", message: "Starting Training Loop.")
        try log.writeEpoch(2, of: 4, seconds: 10.5, losses: ["loss": 1.25, "rpn_out_class_loss": 0.5],
                           learningRate: 0.01, meanAveragePrecision: 0.75)
        let lines = try String(contentsOfFile: folder + "/status.json", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["status"] as? String == "STARTED" && first["message"] as? String == "Starting Training Loop.")
        let epoch = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(epoch["epoch"] as? Int == 2 && epoch["max_epoch"] as? Int == 4)
        #expect(epoch["time_per_epoch"] as? String == "0:00:10.500000" && epoch["eta"] as? String == "0:00:21")
        let graphical = try #require(epoch["graphical"] as? [String: String])
        #expect(graphical == ["loss": "1.25", "rpn_out_class_loss": "0.5", "learning_rate": "0.01",
                              "mean average precision": "0.75"])
        #expect(epoch["kpi"] as? [String: String] == ["mean average precision": "0.75"])
    }
}

import Foundation
import SwiftProtobuf
import Testing
import TestSupport
@testable import FasterRCNN

/// Snippets Python's `text_format.Merge` accepts; frcnn must accept them and build the same message.
private let accepted: [String] = [SpecFixtures.experiment, variantSpec] + [
    "",
    "# only a comment",
    "random_seed: 1 # trailing comment without newline",
    "verbose: t", "verbose: 1", "verbose: False", "verbose: true", "verbose: f", "verbose: 0", "verbose: True",
    "random_seed:7\nverbose:True",
    "random_seed: 0x2A", "random_seed: 052", "random_seed: +5",
    "random_seed: 1; verbose: true,",
    "random_seed: 1 random_seed: 2",
    "model_config < arch: 'vgg16' >",
    "model_config: { arch: \"resnet:18\" }",
    "model_config { anchor_box_config { scale: [1, 2.5e1, .5, 3f, 1E2, 4.F] ratio: 1 ratio: 2 } }",
    "model_config { input_image_config { image_type: 1 } }",
    "model_config { input_image_config { image_type: GRAY_SCALE size_min { min: 600 } } }",
    "model_config { arch: \"a\" } model_config { rpn_stride: 16 }",
    "training_config { classifier_regr_std: [{key: \"x\" value: 1}, {key: 'y', value: 2}] }",
    "training_config { classifier_regr_std { key: 'x' value: 1 } classifier_regr_std < key: 'x' value: 3 > }",
    "training_config { classifier_regr_std { value: 4 } }",
    "training_config { rpn_min_overlap: inf std_scaling: -Infinity lambda_cls_regr: 1e40 lambda_cls_class: -infinityf }",
    "training_config { model_parallelism: [] regularizer { type: 2 } }",
    "enc_key: 'a' \"b\" '\\x41\\101\\n\\'\\\"\\u00e9'",
    "enc_key: \"\"",
    "dataset_config { data_sources { tfrecords_path: 'a' } data_sources: { tfrecords_path: 'b' } data_sources [ {image_directory_path: 'c'}, <source_weight: 2> ] }",
    "dataset_config { target_class_mapping { key: 'car' value: 'vehicle' } target_class_mapping { key: 'car' value: 'auto' } }",
    "dataset_config { validation_data_source { tfrecords_path: 'v*' } dataloader_mode: DEFAULT sampling_mode: 2 }",
    "evaluation_config { gt_matching_iou_threshold_range { start: 0.5, end: 1.0, step: 0.05 } }",
    "training_config { visualizer { wandb_config { tags: ['a', \"b\"] mode: OFFLINE } clearml_config { tags: 'x' } } }",
    "augmentation_config { preprocessing { output_image_width: 1248 } spatial_augmentation { zoom_min: 1 } color_augmentation { hue_rotation_max: 25.0 } }",
    "random_seed: 1_000", "random_seed: 0x_2A", "random_seed: 0B11", "random_seed: 0O17", "random_seed: 0X1f",
    "random_seed: -0", "random_seed: 00", "random_seed: 0_0",
    "training_config { std_scaling: 1_0.2_5 lambda_cls_regr: 1.0ff lambda_rpn_regr: 1e1_0 lambda_rpn_class: -.5e-3 }",
    "training_config { std_scaling: Infinity lambda_cls_regr: INFF lambda_rpn_class: +inf lambda_cls_class: 5. }",
    #"enc_key: "a\.b\q\?\8 C:\data\train""#,
    #"enc_key: "\x4\x414\303\251\U0001F600é""#,
]

/// Snippets Python rejects; frcnn must reject them too.
private let rejected: [String] = [
    "random_seed: 1.0", "random_seed: -1", "random_seed: 4294967296", "random_seed: 08", "random_seed: 1e3",
    "verbose: yes", "verbose: TRUE", "verbose: 2", "verbose: 'true'",
    "model_config { arch: resnet }", "model_config { rpn_stride: \"16\" }",
    "unknown_field: 1", "model_config { include_difficult_in_training: true }",
    "random_seed 1", "model_config {", "model_config: 5", "random_seed: [1, 2]",
    "model_config { input_image_config { image_type: RGBA } }",
    "enc_key: 'abc", "enc_key: \"\\xff\"", "model_config { arch: \"x\" ]", "random_seed: 1 }",
    "model_config < arch: \"x\" }", "[ext.field]: 1",
    "training_config { rpn_min_overlap: 0x10 }", "training_config { rpn_min_overlap: 1.0.0 }",
    "training_config { rpn_min_overlap: \"0.3\" }", "training_config { rpn_min_overlap }",
    "dataset_config { data_sources: [1, 2] }", "enc_key: 'a\nb'", "random_seed: @",
    "random_seed: 1__0", "random_seed: 1_", "random_seed: 0_52", "random_seed: +052", "random_seed: 0x",
    "training_config { std_scaling: +inff }", "training_config { std_scaling: 1_.5 }",
    "training_config { std_scaling: 1._5 }", "training_config { std_scaling: 1.5e }", "training_config { std_scaling: e5 }",
    #"enc_key: "\400""#, #"enc_key: "\x""#, #"enc_key: "\u12""#, #"enc_key: "\N{DASH}""#,
]

/// Loads every snippet with Python's protobuf `text_format.Merge` into `frcnn.spec.Experiment` (built from
/// the same descriptor set) and prints, per snippet, `reject`, or `same`/`differ` against frcnn's bytes.
private let oracleScript = """
import os, sys
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, text_format
files = descriptor_pb2.FileDescriptorSet.FromString(open(sys.argv[1], 'rb').read())
pool = descriptor_pool.DescriptorPool()
for f in files.file:
    pool.Add(f)
Experiment = message_factory.GetMessageClass(pool.FindMessageTypeByName('frcnn.spec.Experiment'))
folder = sys.argv[2]
for name in sorted(n for n in os.listdir(folder) if n.endswith('.txt')):
    message = Experiment()
    try:
        text_format.Merge(open(os.path.join(folder, name), 'rb').read().decode('utf-8'), message)
    except (text_format.ParseError, UnicodeDecodeError, ValueError):
        print(name, 'reject')
        continue
    swift = os.path.join(folder, name[:-4] + '.bin')
    if not os.path.exists(swift):
        print(name, 'accept')
        continue
    print(name, 'same' if Experiment.FromString(open(swift, 'rb').read()) == message else 'differ')
"""

@Suite("Text format against Python's protobuf text_format")
struct TextFormatOracleTests {
    @Test func acceptsAndRejectsWhatPythonDoes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("frcnn-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let descriptors = try #require(Data(base64Encoded: specDescriptorSetBase64, options: .ignoreUnknownCharacters))
        try descriptors.write(to: folder.appendingPathComponent("spec.desc"))

        var expected: [String: String] = [:]
        for (index, (text, shouldAccept)) in (accepted.map { ($0, true) } + rejected.map { ($0, false) }).enumerated() {
            let name = String(format: "case%03d", index)
            try Data(text.utf8).write(to: folder.appendingPathComponent(name + ".txt"))
            do {
                let parsed = try SpecFile<Frcnn_Spec_Experiment>.parse(Array(text.utf8), file: name)
                if parsed.diagnostics.isEmpty {
                    let bytes: Data = try parsed.message.serializedBytes()
                    try bytes.write(to: folder.appendingPathComponent(name + ".bin"))
                    expected[name + ".txt"] = "same"
                } else {
                    expected[name + ".txt"] = "reject"
                }
            } catch {
                expected[name + ".txt"] = "reject"
            }
            #expect(expected[name + ".txt"] == (shouldAccept ? "same" : "reject"), "frcnn on: \(text)")
        }
        let output = try PythonOracle.run(oracleScript, arguments: [folder.appendingPathComponent("spec.desc").path, folder.path])
        var seen = 0
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            let name = String(parts[0])
            let index = Int(name.dropFirst(4).prefix(3)) ?? 0
            let text = index < accepted.count ? accepted[index] : rejected[index - accepted.count]
            #expect(String(parts[1]) == expected[name], "python says \(parts[1]) on: \(text)")
            seen += 1
        }
        #expect(seen == accepted.count + rejected.count)
    }
}

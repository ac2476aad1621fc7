import Foundation
import Testing

/// The subtask pages and `--help` agree. Convention (also stated in README.md, "Documentation"):
/// a subtask page is `docs/<subtask>.md` whose first line is `# frcnn <subtask>` (the name may be in
/// backticks); its flags are the backticked `-x` / `--name` tokens in the first column of every table whose
/// header row starts with `| Flag |`. `-h, --help` and `--version` are the parser's own (every subcommand's help
/// lists them) and are not documented per page; a
/// `--kebab-case` spelling counts as documented when its `--snake_case` twin is documented and both are in
/// `--help`.
@Suite("Docs flags match --help")
struct DocsFlagsTests {
    private static let docs = FrcnnProcess.repositoryRoot.appendingPathComponent("docs")

    /// The subtask each page documents, from its first line.
    static func subtaskPages() throws -> [String: URL] {
        var pages: [String: URL] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: docs.path) where name.hasSuffix(".md") {
            let url = docs.appendingPathComponent(name)
            let firstLine = try String(contentsOf: url, encoding: .utf8).prefix { $0 != "\n" }
            if let match = firstLine.wholeMatch(of: /# `?frcnn ([a-z_]+)`?.*/) { pages[String(match.1)] = url }
        }
        return pages
    }

    /// The flags in the first column of the page's `| Flag |` tables.
    static func documentedFlags(_ page: String) -> Set<String> {
        var flags = Set<String>(), inTable = false
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { inTable = false; continue }
            if line.wholeMatch(of: /\|\s*Flag\s*\|.*/) != nil { inTable = true; continue }
            guard inTable, let firstColumn = line.dropFirst().split(separator: "|").first else { continue }
            for match in firstColumn.matches(of: /`(--?[A-Za-z][A-Za-z0-9_-]*)`/) { flags.insert(String(match.1)) }
        }
        return flags
    }

    /// The flags `--help` lists: the names before the description on each option line.
    static func helpFlags(_ help: String) -> Set<String> {
        var flags = Set<String>()
        for line in help.split(separator: "\n") where line.hasPrefix("  -") {
            let names = line.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ")[0]
            for match in names.matches(of: /(?:^|[ ,])(--?[A-Za-z][A-Za-z0-9_-]*)/) { flags.insert(String(match.1)) }
        }
        return flags.subtracting(["-h", "--help", "--version"])
    }

    /// Help flags not documented, allowing kebab spellings of documented snake_case flags.
    static func undocumented(help: Set<String>, documented: Set<String>) -> Set<String> {
        help.filter { flag in
            if documented.contains(flag) { return false }
            let snake = "--" + flag.dropFirst(2).replacingOccurrences(of: "-", with: "_")
            return !(flag.hasPrefix("--") && documented.contains(snake) && help.contains(snake))
        }
    }

    static func subcommands() throws -> Set<String> {
        let help = try FrcnnProcess.run(["--help"]).stdout
        guard let section = help.components(separatedBy: "SUBCOMMANDS:").last else { return [] }
        return Set(section.split(separator: "\n").compactMap { $0.wholeMatch(of: #/  ([a-z_]+)(?:[ ,].*)?/#).map { String($0.1) } })
    }

    @Test("Every subcommand has a page and every page names a subcommand")
    func pagesMatchSubcommands() throws {
        let pages = try Self.subtaskPages(), commands = try Self.subcommands()
        #expect(!commands.isEmpty, "frcnn --help lists no subcommands")
        #expect(commands.subtracting(pages.keys).isEmpty, "subcommands without docs/<subtask>.md: \(commands.subtracting(pages.keys).sorted())")
        #expect(Set(pages.keys).subtracting(commands).isEmpty, "pages for subtasks frcnn lacks: \(Set(pages.keys).subtracting(commands).sorted())")
    }

    @Test("Each page documents exactly the flags of its subtask's --help")
    func flagsMatchHelp() throws {
        let commands = try Self.subcommands()
        for (subtask, url) in try Self.subtaskPages().sorted(by: { $0.key < $1.key }) where commands.contains(subtask) {
            let result = try FrcnnProcess.run([subtask, "--help"])
            #expect(result.status == 0, "frcnn \(subtask) --help failed: \(result.stderr)")
            let help = Self.helpFlags(result.stdout), documented = Self.documentedFlags(try String(contentsOf: url, encoding: .utf8))
            #expect(!help.isEmpty, "no flags parsed from frcnn \(subtask) --help")
            let missing = documented.subtracting(help), extra = Self.undocumented(help: help, documented: documented)
            #expect(missing.isEmpty, "docs/\(subtask).md documents flags frcnn \(subtask) --help lacks: \(missing.sorted())")
            #expect(extra.isEmpty, "frcnn \(subtask) --help has flags docs/\(subtask).md does not document: \(extra.sorted())")
        }
    }

    @Test("The parsers find table flags, help flags and kebab twins (and miss nothing deliberately wrong)")
    func parsers() {
        let page = """
            # frcnn x
            | Flag | Meaning |
            |---|---|
            | `-e`, `--experiment_spec` (required) | uses `--other` in the text |
            | `--log_file` | file |

            | Key | Value |
            | `--not_a_flag` | table of another kind |
            """
        #expect(Self.documentedFlags(page) == ["-e", "--experiment_spec", "--log_file"])
        let help = """
            OPTIONS:
              -e, --experiment_spec, --experiment-spec <file>
                                      Spec file; see --other.
              --log_file <file>       Log file.
              -v, --verbose           Talk.
              --version               Show the version.
              -h, --help              Show help information.
            """
        let flags = Self.helpFlags(help)
        #expect(flags == ["-e", "--experiment_spec", "--experiment-spec", "--log_file", "-v", "--verbose"])
        #expect(Self.undocumented(help: flags, documented: Self.documentedFlags(page)) == ["-v", "--verbose"])
        #expect(Self.undocumented(help: ["--log-file"], documented: ["--log_file"]) == ["--log-file"])
    }
}

import Foundation

/// A value produced by ``PickleMachine``: the subset of Python objects that `torch.save` files contain.
/// Lists and dicts are reference types because pickles mutate them after memoizing them.
public indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    /// An integer too large for `Int`: its little-endian two's-complement bytes (LONG1).
    case bigInt([UInt8])
    case string(String)
    case bytes([UInt8])
    case tuple([PickleValue])
    case list(PickleList)
    case dict(PickleDict)
    /// A `module.name` reference (GLOBAL / STACK_GLOBAL).
    case global(module: String, name: String)
    /// `callee(*arguments)` (REDUCE / NEWOBJ), left for the reader to interpret.
    case call(callee: PickleValue, arguments: [PickleValue])
    /// A value the reader resolves itself (BINPERSID), e.g. a storage reference in a `torch.save` file.
    case persistent(PickleValue)

    /// The string, if this is one.
    public var string: String? { if case .string(let value) = self { value } else { nil } }
    /// The integer, if this is one.
    public var int: Int? { if case .int(let value) = self { value } else { nil } }
    /// The elements of a tuple or list.
    public var elements: [PickleValue]? {
        switch self {
        case .tuple(let items): items
        case .list(let list): list.items
        default: nil
        }
    }
}

/// A Python list under construction.
public final class PickleList {
    public var items: [PickleValue] = []
}

/// A Python dict (insertion-ordered, like OrderedDict).
public final class PickleDict {
    public var items: [(key: PickleValue, value: PickleValue)] = []
}

/// A minimal pickle virtual machine (protocols 2–4) for the opcodes that `torch.save` files use. It never
/// imports or calls anything: GLOBAL references and REDUCE calls come back as ``PickleValue/global(module:name:)``
/// and ``PickleValue/call(callee:arguments:)`` values.
public struct PickleMachine {
    private let data: [UInt8]
    private let source: String
    /// Where the next pickle starts; after ``load()`` it is just past the STOP opcode.
    public private(set) var offset: Int

    /// A machine reading `data` from `offset`; `source` names the file in errors.
    public init(data: [UInt8], offset: Int = 0, source: String) {
        self.data = data
        self.offset = offset
        self.source = source
    }

    /// Runs one pickle to its STOP opcode and returns the object on top of the stack.
    public mutating func load() throws -> PickleValue {
        var stack: [PickleValue] = []
        var marks: [Int] = []
        var memo: [Int: PickleValue] = [:]
        func pop() throws -> PickleValue {
            guard let value = stack.popLast() else { throw fail("stack underflow") }
            return value
        }
        func popMark() throws -> [PickleValue] {
            guard let mark = marks.popLast(), mark <= stack.count else { throw fail("MARK missing") }
            defer { stack.removeSubrange(mark...) }
            return Array(stack[mark...])
        }
        while true {
            let opcodeOffset = offset
            let opcode = try byte()
            switch opcode {
            case 0x80: _ = try byte()  // PROTO
            case 0x95: offset += 8  // FRAME
            case 0x2E: return try pop()  // STOP
            case 0x28: marks.append(stack.count)  // MARK
            case 0x4E: stack.append(.none)
            case 0x88: stack.append(.bool(true))
            case 0x89: stack.append(.bool(false))
            case 0x4B: stack.append(.int(Int(try byte())))  // BININT1
            case 0x4D: stack.append(.int(Int(try integer(2, signed: false))))  // BININT2
            case 0x4A: stack.append(.int(Int(try integer(4, signed: true))))  // BININT
            case 0x8A:  // LONG1
                let count = Int(try byte())
                stack.append(count <= 8 ? .int(try integer(count, signed: true)) : .bigInt(try raw(count)))
            case 0x47: stack.append(.float(Double(bitPattern: UInt64(bitPattern: Int64(try bigEndian(8))))))  // BINFLOAT
            case 0x58: stack.append(.string(try text(Int(try integer(4, signed: false)))))  // BINUNICODE
            case 0x8C: stack.append(.string(try text(Int(try byte()))))  // SHORT_BINUNICODE
            case 0x55: stack.append(.string(try text(Int(try byte()))))  // SHORT_BINSTRING
            case 0x54: stack.append(.string(try text(Int(try integer(4, signed: false)))))  // BINSTRING
            case 0x43: stack.append(.bytes(try raw(Int(try byte()))))  // SHORT_BINBYTES
            case 0x42: stack.append(.bytes(try raw(Int(try integer(4, signed: false)))))  // BINBYTES
            case 0x29: stack.append(.tuple([]))  // EMPTY_TUPLE
            case 0x74: stack.append(.tuple(try popMark()))  // TUPLE
            case 0x85: stack.append(.tuple([try pop()]))  // TUPLE1
            case 0x86: let b = try pop(); let a = try pop(); stack.append(.tuple([a, b]))  // TUPLE2
            case 0x87: let c = try pop(); let b = try pop(); let a = try pop(); stack.append(.tuple([a, b, c]))  // TUPLE3
            case 0x5D: stack.append(.list(PickleList()))  // EMPTY_LIST
            case 0x7D: stack.append(.dict(PickleDict()))  // EMPTY_DICT
            case 0x61:  // APPEND
                let item = try pop()
                guard case .list(let list) = stack.last else { throw fail("APPEND to a non-list") }
                list.items.append(item)
            case 0x65:  // APPENDS
                let items = try popMark()
                guard case .list(let list) = stack.last else { throw fail("APPENDS to a non-list") }
                list.items += items
            case 0x73:  // SETITEM
                let value = try pop(), key = try pop()
                guard case .dict(let dict) = stack.last else { throw fail("SETITEM on a non-dict") }
                dict.items.append((key, value))
            case 0x75:  // SETITEMS
                let items = try popMark()
                guard case .dict(let dict) = stack.last, items.count % 2 == 0 else { throw fail("SETITEMS on a non-dict") }
                for index in stride(from: 0, to: items.count, by: 2) { dict.items.append((items[index], items[index + 1])) }
            case 0x63:  // GLOBAL
                stack.append(.global(module: try line(), name: try line()))
            case 0x93:  // STACK_GLOBAL
                let name = try pop(), module = try pop()
                guard let m = module.string, let n = name.string else { throw fail("STACK_GLOBAL needs two strings") }
                stack.append(.global(module: m, name: n))
            case 0x52, 0x81:  // REDUCE, NEWOBJ
                let arguments = try pop(), callee = try pop()
                guard let list = arguments.elements else { throw fail("REDUCE arguments are not a tuple") }
                if case .global("collections", "OrderedDict") = callee, list.isEmpty {
                    stack.append(.dict(PickleDict()))  // filled by the SETITEMS that follow
                } else {
                    stack.append(.call(callee: callee, arguments: list))
                }
            case 0x62: _ = try pop()  // BUILD: object state (e.g. an OrderedDict's _metadata) is not needed
            case 0x51: stack.append(.persistent(try pop()))  // BINPERSID
            case 0x71: memo[Int(try byte())] = stack.last  // BINPUT
            case 0x72: memo[Int(try integer(4, signed: false))] = stack.last  // LONG_BINPUT
            case 0x94: memo[memo.count] = stack.last  // MEMOIZE
            case 0x68, 0x6A:  // BINGET, LONG_BINGET
                let key = opcode == 0x68 ? Int(try byte()) : Int(try integer(4, signed: false))
                guard let value = memo[key] else { throw fail("memo entry \(key) is missing") }
                stack.append(value)
            default:
                throw fail(String(format: "unsupported pickle opcode 0x%02X at byte %d", opcode, opcodeOffset))
            }
        }
    }

    private func fail(_ message: String) -> TorchError { TorchError("\(source): pickle: \(message)") }

    private mutating func byte() throws -> UInt8 {
        guard offset < data.count else { throw fail("unexpected end of file at byte \(offset)") }
        defer { offset += 1 }
        return data[offset]
    }

    private mutating func raw(_ count: Int) throws -> [UInt8] {
        guard count >= 0, offset + count <= data.count else { throw fail("unexpected end of file at byte \(offset)") }
        defer { offset += count }
        return Array(data[offset..<offset + count])
    }

    /// A little-endian integer of `count` bytes (two's complement when `signed`).
    private mutating func integer(_ count: Int, signed: Bool) throws -> Int {
        let bytes = try raw(count)
        guard count <= 8 else { throw fail("integer of \(count) bytes is too large") }
        var value: UInt64 = 0
        for (index, byte) in bytes.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        if signed, count > 0, count < 8, bytes[count - 1] & 0x80 != 0 { value |= ~0 << (8 * UInt64(count)) }
        return Int(Int64(bitPattern: value))
    }

    private mutating func bigEndian(_ count: Int) throws -> Int {
        Int(Int64(bitPattern: try raw(count).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }))
    }

    private mutating func text(_ count: Int) throws -> String {
        guard let string = String(bytes: try raw(count), encoding: .utf8) else { throw fail("invalid UTF-8 string at byte \(offset)") }
        return string
    }

    private mutating func line() throws -> String {
        guard let end = data[offset...].firstIndex(of: 0x0A) else { throw fail("unterminated GLOBAL at byte \(offset)") }
        defer { offset = end + 1 }
        return String(decoding: data[offset..<end], as: UTF8.self)
    }
}

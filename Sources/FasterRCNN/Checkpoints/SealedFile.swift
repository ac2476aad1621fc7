import Crypto
import Foundation

/// The outer layer of a checkpoint file: a header, then the payload (a safetensors file), checksummed or encrypted.
///
/// Layout (all integers little-endian):
/// - bytes 0–7: magic `FRCNNCKP`; byte 8: format version (1); byte 9: the protection mode.
/// - mode 2, plain with a checksum (what ``seal(_:key:)`` writes without a key): bytes 10–41 hold the SHA-256 of the
///   payload, which follows; a mismatch on reading is an error naming the file.
/// - mode 1, encrypted: a 16-byte random salt, a 12-byte random nonce, the ciphertext, then the 16-byte GCM tag.
///   The AES key is HKDF-SHA256 of the UTF-8 bytes of the user's key with that salt and the info string
///   `frcnn checkpoint v1`, 32 bytes; the first 26 header bytes (magic, version, mode, salt) are authenticated
///   as associated data, so a wrong key and a damaged file both fail authentication (no separate checksum).
/// - mode 0, plain without a checksum: the payload follows at byte 10. Plain files written before checksums were
///   added have this mode; they are still read, without a damage check, and nothing writes it any more.
enum SealedFile {
    static let magic = Data("FRCNNCKP".utf8)
    static let version: UInt8 = 1
    private static let info = Data("frcnn checkpoint v1".utf8)

    /// The protection modes of byte 9.
    enum Mode: UInt8 {
        /// Plain, no checksum: files written before checksums were added.
        case plainUnchecked = 0
        /// AES-256-GCM.
        case encrypted = 1
        /// Plain, with the payload's SHA-256 in bytes 10–41.
        case plainChecked = 2
    }

    /// Wraps `payload`, encrypting it when `key` is given and otherwise storing its SHA-256.
    static func seal(_ payload: Data, key: String?) throws -> Data {
        guard let key else { return header(.plainChecked) + Data(SHA256.hash(data: payload)) + payload }
        let salt = Data((0..<16).map { _ in UInt8.random(in: 0...255) })
        let authenticated = header(.encrypted) + salt
        let box = try AES.GCM.seal(payload, using: derivedKey(key, salt: salt), authenticating: authenticated)
        return authenticated + Data(box.nonce) + box.ciphertext + box.tag
    }

    /// The payload of a sealed file's bytes; `path` names the file in errors.
    static func open(_ file: Data, key: String?, path: String) throws -> Data {
        let bytes = Data(file)
        guard bytes.count >= 10, bytes.prefix(8) == magic else {
            throw TrainingError("\(path): not an frcnn checkpoint (no FRCNNCKP header)")
        }
        guard bytes[8] == version else {
            throw TrainingError("\(path): checkpoint format version \(bytes[8]) is not supported (this frcnn reads \(version))")
        }
        switch Mode(rawValue: bytes[9]) {
        case .plainUnchecked:
            return bytes.subdata(in: 10..<bytes.count)
        case .plainChecked:
            guard bytes.count >= 42 else { throw TrainingError("\(path): the checkpoint is truncated") }
            let payload = bytes.subdata(in: 42..<bytes.count)
            guard Data(SHA256.hash(data: payload)) == bytes.subdata(in: 10..<42) else {
                throw TrainingError("\(path): the checkpoint is damaged: its checksum does not match")
            }
            return payload
        case .encrypted:
            guard let key else {
                throw TrainingError("\(path): the checkpoint is encrypted; give its key with -k or enc_key in the spec")
            }
            guard bytes.count >= 26 + 12 + 16 else { throw TrainingError("\(path): the encrypted checkpoint is truncated") }
            let header = bytes.subdata(in: 0..<26)
            let nonce = try AES.GCM.Nonce(data: bytes.subdata(in: 26..<38))
            let box = try AES.GCM.SealedBox(nonce: nonce, ciphertext: bytes.subdata(in: 38..<(bytes.count - 16)),
                                            tag: bytes.subdata(in: (bytes.count - 16)..<bytes.count))
            do {
                return try AES.GCM.open(box, using: derivedKey(key, salt: header.subdata(in: 10..<26)), authenticating: header)
            } catch {
                throw TrainingError("\(path): cannot decrypt the checkpoint: the key is wrong or the file is damaged")
            }
        case nil:
            throw TrainingError("\(path): unknown checkpoint protection mode \(bytes[9])")
        }
    }

    /// Magic, version and `mode`: the first 10 bytes of every file.
    private static func header(_ mode: Mode) -> Data { magic + [version, mode.rawValue] }

    private static func derivedKey(_ key: String, salt: Data) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: Data(key.utf8)), salt: salt, info: info,
                               outputByteCount: 32)
    }
}

import Crypto
import Foundation

/// The outer layer of a checkpoint file: a header, then the payload (a safetensors file), plain or encrypted.
///
/// Layout (all integers little-endian):
/// - bytes 0–7: magic `FRCNNCKP`; byte 8: format version (1); byte 9: 0 for plain, 1 for AES-256-GCM.
/// - plain: the payload follows.
/// - encrypted: a 16-byte random salt, a 12-byte random nonce, the ciphertext, then the 16-byte GCM tag.
///   The AES key is HKDF-SHA256 of the UTF-8 bytes of the user's key with that salt and the info string
///   `frcnn checkpoint v1`, 32 bytes; the first 26 header bytes (magic, version, mode, salt) are authenticated
///   as associated data, so a wrong key and a damaged file both fail authentication.
enum SealedFile {
    static let magic = Data("FRCNNCKP".utf8)
    static let version: UInt8 = 1
    private static let info = Data("frcnn checkpoint v1".utf8)

    /// Wraps `payload`, encrypting it when `key` is given.
    static func seal(_ payload: Data, key: String?) throws -> Data {
        var header = magic + [version, key == nil ? 0 : 1]
        guard let key else { return header + payload }
        let salt = Data((0..<16).map { _ in UInt8.random(in: 0...255) })
        header += salt
        let box = try AES.GCM.seal(payload, using: derivedKey(key, salt: salt), authenticating: header)
        return header + Data(box.nonce) + box.ciphertext + box.tag
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
        switch bytes[9] {
        case 0:
            return bytes.subdata(in: 10..<bytes.count)
        case 1:
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
        default:
            throw TrainingError("\(path): unknown checkpoint protection mode \(bytes[9])")
        }
    }

    private static func derivedKey(_ key: String, salt: Data) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: Data(key.utf8)), salt: salt, info: info,
                               outputByteCount: 32)
    }
}

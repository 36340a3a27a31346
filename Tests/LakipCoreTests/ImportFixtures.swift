import Foundation
import Testing
@testable import LakipCore

/// The bytes of a report-shaped export under `Fixtures/import`.
func importFixture(_ name: String) throws -> [UInt8] {
    let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return [UInt8](try Data(contentsOf: root.appendingPathComponent("import").appendingPathComponent(name)))
}

/// A number as the tests state it, with a point: the value the importer must give.
func exactValue(_ text: String) -> ExactDecimal {
    guard case .value(let value, _, _) = NumberParser.parse(text, convention: .point) else { fatalError(text) }
    return value
}

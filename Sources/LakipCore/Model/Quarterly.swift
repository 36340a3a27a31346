/// One value per quarter, TW1 … TW4, stored inline.
///
/// An indicator holds three of these (targets, realisations, budget realisations); a run holds
/// millions of indicators, so four inline slots instead of a heap array each keep memory
/// proportional to the indicators and spare an allocation per field.
public struct Quarterly<Element>: RandomAccessCollection, MutableCollection {
    private var slots: (Element, Element, Element, Element)

    public init(_ first: Element, _ second: Element, _ third: Element, _ fourth: Element) {
        slots = (first, second, third, fourth)
    }

    /// The four elements of `elements`, TW1 first.
    public init<Elements: Collection>(_ elements: Elements) where Elements.Element == Element {
        precondition(elements.count == 4, "a quarterly value has four elements, not \(elements.count)")
        let values = Array(elements)
        self.init(values[0], values[1], values[2], values[3])
    }

    /// The value of each quarter, TW1 first.
    public init(byQuarter make: (Quarter) throws -> Element) rethrows {
        self.init(try make(.tw1), try make(.tw2), try make(.tw3), try make(.tw4))
    }

    public init(repeating value: Element) {
        self.init(value, value, value, value)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { 4 }

    public subscript(position: Int) -> Element {
        get {
            switch position {
            case 0: slots.0
            case 1: slots.1
            case 2: slots.2
            case 3: slots.3
            default: preconditionFailure("quarter index \(position) out of range")
            }
        }
        set {
            switch position {
            case 0: slots.0 = newValue
            case 1: slots.1 = newValue
            case 2: slots.2 = newValue
            case 3: slots.3 = newValue
            default: preconditionFailure("quarter index \(position) out of range")
            }
        }
    }
}

extension Quarterly: ExpressibleByArrayLiteral {
    /// Exactly four elements, TW1 first.
    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }
}

extension Quarterly: Equatable where Element: Equatable {
    public static func == (lhs: Quarterly, rhs: Quarterly) -> Bool {
        lhs.elementsEqual(rhs)
    }
}

extension Quarterly: Hashable where Element: Hashable {
    public func hash(into hasher: inout Hasher) {
        for element in self { hasher.combine(element) }
    }
}

extension Quarterly: Sendable where Element: Sendable {}

extension Quarterly: CustomStringConvertible {
    public var description: String { Array(self).description }
}

import Testing
@testable import LakipCore

/// Each policy type owns its names: every spelling the tool has accepted still finds its choice,
/// nothing else does, and the phrases the messages and help show list every choice.
@Suite("Policy names")
struct PolicyNameTests {
    // Every spelling accepted before the names moved to their types, with the canonical name it
    // stands for; written out, not read from the types, so that a renamed choice fails here.

    @Test("a formula spelling finds its formula", arguments: [("selisih", "selisih"), ("rasio", "rasio")])
    func formulaSpelling(_ text: String, _ name: String) {
        #expect(NegativeFormula.named(text)?.name == name)
    }

    @Test("a scale spelling finds its scale, in any case", arguments: [
        ("permendagri86", "permendagri86"), ("Permendagri86", "permendagri86"), ("baik", "baik"), ("biner", "biner"),
        ("BINER", "biner"),
    ])
    func scaleSpelling(_ text: String, _ name: String) {
        #expect(CategoryScale.named(text)?.name == name)
    }

    @Test("a dialect spelling finds its dialect, in any case", arguments: [
        ("standar", "standar"), ("standard", "standar"), ("STANDAR", "standar"),
        ("excel-id", "excel-id"), ("excelid", "excel-id"), ("excel", "excel-id"), ("Excel-ID", "excel-id"),
    ])
    func dialectSpelling(_ text: String, _ name: String) {
        #expect(CSVDialect.named(text)?.name == name)
    }

    @Test("every name and alias a type owns round-trips through named(_:)")
    func namesRoundTrip() {
        func check<Choice: PolicyChoice & Equatable>(_: Choice.Type) {
            #expect(!Choice.choices.isEmpty)
            for choice in Choice.choices {
                for spelling in [choice.name] + choice.aliases {
                    #expect(Choice.named(spelling) == choice, "\(Choice.self): '\(spelling)'")
                }
            }
        }
        check(NegativeFormula.self)
        check(CategoryScale.self)
        check(CSVDialect.self)
    }

    @Test("every canonical name and alias is owned by one choice only")
    func namesAreUnique() {
        func spellings<Choice: PolicyChoice>(_: Choice.Type) -> [String] {
            Choice.choices.flatMap { [$0.name] + $0.aliases }
        }
        for spellings in [spellings(NegativeFormula.self), spellings(CategoryScale.self), spellings(CSVDialect.self)] {
            #expect(Set(spellings).count == spellings.count, "\(spellings)")
        }
    }

    @Test("unknown names give nil",
          arguments: ["", "persen", "bagi", "hebat", "kustom", "excel-us", "lain", " selisih", "standar "])
    func unknownNames(_ text: String) {
        #expect(NegativeFormula.named(text) == nil)
        #expect(CategoryScale.named(text) == nil)
        #expect(CSVDialect.named(text) == nil)
    }

    @Test("a formula is named exactly, as ArgumentParser and the policy file always matched it")
    func formulaCase() {
        #expect(NegativeFormula.named("RASIO") == nil)
        #expect(NegativeFormula.named("Selisih") == nil)
    }

    @Test("the choice phrases list every canonical name, in Indonesian")
    func choicePhrases() {
        #expect(NegativeFormula.choicePhrase == "selisih atau rasio")
        #expect(CategoryScale.choicePhrase == "permendagri86, baik atau biner")
        #expect(CategoryScale.policyFileChoicePhrase == "permendagri86, baik, biner atau kustom")
        #expect(CSVDialect.choicePhrase == "standar atau excel-id")
        func listsEveryName<Choice: PolicyChoice>(_: Choice.Type) {
            for choice in Choice.choices {
                #expect(Choice.choicePhrase.contains(choice.name), "\(Choice.self): \(choice.name)")
            }
        }
        listsEveryName(NegativeFormula.self)
        listsEveryName(CategoryScale.self)
        listsEveryName(CSVDialect.self)
    }

    @Test("alternatives read as Indonesian prose", arguments: [
        ([String](), ""),
        (["a"], "a"),
        (["a", "b"], "a atau b"),
        (["a", "b", "c"], "a, b atau c"),
    ])
    func alternatives(_ items: [String], _ expected: String) {
        #expect(indonesianAlternatives(items) == expected)
    }

    @Test("the negative formula states itself as the reports print it")
    func formulaSentence() {
        #expect(NegativeFormula.difference.sentence == "selisih, (2T − R) / T × 100")
        #expect(NegativeFormula.ratio.sentence == "rasio, T / R × 100")
    }

    @Test("a dialect that is none of the choices is named 'lain' in the manifest")
    func otherDialect() {
        var tabs = CSVDialect.standard
        tabs.delimiter = UInt8(ascii: "\t")
        #expect(tabs.name == "lain")
        #expect(tabs.aliases.isEmpty)
        #expect(CSVDialect.standard.name == "standar")
        #expect(CSVDialect.excelIndonesian.name == "excel-id")
    }

    @Test("the messages give the phrases")
    func messages() throws {
        #expect {
            _ = try PolicyFile(text: "rumus_negatif = \"bagi\"")
        } throws: { error in
            (error as? PolicyError)?.message == "nilai harus \"selisih\" atau \"rasio\"."
        }
        #expect {
            _ = try PolicyFile(text: "skala = \"hebat\"")
        } throws: { error in
            (error as? PolicyError)?.message == "skala 'hebat' tidak dikenal; pilih permendagri86, baik, biner atau kustom."
        }
        #expect {
            _ = try PolicyFile(text: "skala = \"kustom\"")
        } throws: { error in
            (error as? PolicyError)?.message == "skala \"kustom\" memerlukan tabel [skala_kustom] dengan batas dan label."
        }
        var options = JobOptions(dataDirectory: "/lakip-tidak-ada")
        options.scaleName = "hebat"
        #expect {
            _ = try options.resolvePolicy()
        } throws: { error in
            (error as? PolicyError)?.message == "skala 'hebat' tidak dikenal; pilih permendagri86, baik atau biner."
        }
    }
}

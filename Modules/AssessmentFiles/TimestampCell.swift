import AssessmentKernel

/// Dates and times as Excel and form services write them, normalised to ISO.
enum TimestampCell {
    static let expectation = "ожидалась дата 2025-05-14 или 14.05.2025, можно со временем 10:32 или 10:32:15"

    /// `2025-05-14`, `14.05.2025`, optionally followed by ` 10:32[:15]` or `T10:32[:15]` → `2025-05-14[T10:32:15]`.
    static func normalize(_ raw: String) -> String? {
        let parts = raw.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
        guard (1...2).contains(parts.count), let day = day(parts[0]) else { return nil }
        guard parts.count == 2 else { return day.iso }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0 != nil }),
              let hour = clock[0], let minute = clock[1], (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        let second = clock.count == 3 ? clock[2]! : 0
        guard (0...59).contains(second) else { return nil }
        return day.iso + "T" + [hour, minute, second].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
    }

    /// `2025-05-14` or `14.05.2025`.
    static func day(_ raw: String) -> Day? {
        if let day = Day(iso: raw) { return day }
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
              let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
        else { return nil }
        return Day(year: year, month: month, day: day)
    }
}

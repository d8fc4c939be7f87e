import ArgumentParser

/// What the thin executables call, so they need nothing but this module.
public enum EntryPoints {
    public static func admin() { AdminCommand.main() }
    public static func report() { ReportCommand.main() }
    public static func survey() async { await SurveyCommand.main() }
}

import ArgumentParser

/// What the thin executables call, so they need nothing but this module. Help and argument errors come out in Russian.
public enum EntryPoints {
    public static func admin() { RussianFrame.main(AdminCommand.self) }
    public static func report() { RussianFrame.main(ReportCommand.self) }
    public static func survey() async { await RussianFrame.main(SurveyCommand.self) }
}

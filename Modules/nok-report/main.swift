import AssessmentApp

ReportCommand.main()

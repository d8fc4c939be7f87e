import AssessmentApp

EntryPoints.report()

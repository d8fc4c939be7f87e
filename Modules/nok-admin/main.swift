import AssessmentApp

EntryPoints.admin()

// swift-tools-version: 6.1
// OpenNOK: independent assessment of the quality of social-sphere services (НОК, 344н).
// Layers: kernel ← adapters and sector plugins ← one composition root ← thin executables.
// Scripts/check-layers.sh enforces these arrows in the test run.
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "OpenNOK",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nok-admin", targets: ["nok-admin"]),
        .executable(name: "nok-report", targets: ["nok-report"]),
        .executable(name: "nok-survey", targets: ["nok-survey"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // MARK: Kernel
        // Domain types, the SectorPlugin protocol, the 344н scoring engine. Foundation only.
        .target(
            name: "AssessmentKernel",
            path: "Modules/AssessmentKernel",
            swiftSettings: strictSettings
        ),

        // MARK: Adapters
        // Strict YAML config loading with file:line:column diagnostics.
        .target(
            name: "AssessmentConfig",
            dependencies: ["AssessmentKernel", .product(name: "Yams", package: "Yams")],
            path: "Modules/AssessmentConfig",
            swiftSettings: strictSettings
        ),
        // CSV data files (organisations, check-lists, responses) read into kernel values.
        .target(
            name: "AssessmentFiles",
            dependencies: ["AssessmentKernel"],
            path: "Modules/AssessmentFiles",
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),

        // SQLite through GRDB: migrations, the registry, imports, the audit log.
        .target(
            name: "AssessmentStorage",
            dependencies: [
                "AssessmentKernel",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for binding the bulk import's rows without building arguments per row.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                "CZstd",
            ],
            path: "Modules/AssessmentStorage",
            swiftSettings: strictSettings
        ),
        // Rankings, organisation cards and their text formats; reads kernel values only.
        .target(
            name: "AssessmentReporting",
            dependencies: ["AssessmentKernel"],
            path: "Modules/AssessmentReporting",
            swiftSettings: strictSettings
        ),

        // libxlsxwriter, a system library (Debian libxlsxwriter-dev), and the XLSX workbooks built on it.
        .systemLibrary(
            name: "CXLSXWriter",
            path: "Modules/CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(
            name: "AssessmentSpreadsheet",
            dependencies: ["AssessmentKernel", "CXLSXWriter"],
            path: "Modules/AssessmentSpreadsheet",
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),

        // libzstd (Debian libzstd-dev): stored score payloads, about a tenth of their JSON at about 1 GB/s per core.
        .systemLibrary(
            name: "CZstd",
            path: "Modules/CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // libqrencode (Debian libqrencode-dev): the QR matrix for links; SVG and PNG are drawn in Swift.
        .systemLibrary(
            name: "CQRencode",
            path: "Modules/CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // The public questionnaire and operators' entry over HTTP (Hummingbird); sees store ports only.
        .target(
            name: "SurveyServer",
            dependencies: [
                "AssessmentKernel", "CQRencode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Modules/SurveyServer",
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),

        // DOCX documents: a small WordprocessingML writer over ZIPFoundation for the reporting document model.
        .target(
            name: "AssessmentDocuments",
            dependencies: ["AssessmentReporting", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Modules/AssessmentDocuments",
            swiftSettings: strictSettings
        ),

        // MARK: Sector plugins
        // Each depends on the kernel only; a sector with no code needs no plugin at all.
        .target(name: "Culture", dependencies: ["AssessmentKernel"], path: "Plugins/Culture", swiftSettings: strictSettings),
        .target(name: "Education", dependencies: ["AssessmentKernel"], path: "Plugins/Education", swiftSettings: strictSettings),
        .target(name: "SocialServices", dependencies: ["AssessmentKernel"], path: "Plugins/SocialServices", swiftSettings: strictSettings),

        // MARK: Composition
        // The one composition root: plugin list, config loading, command tree.
        .target(
            name: "AssessmentApp",
            dependencies: [
                "AssessmentKernel", "AssessmentConfig", "AssessmentFiles", "AssessmentReporting", "AssessmentSpreadsheet", "AssessmentStorage",
                "AssessmentDocuments", "Culture", "Education", "SocialServices", "SurveyServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Modules/AssessmentApp",
            swiftSettings: strictSettings
        ),

        // MARK: Executables
        // A thin @main each.
        .executableTarget(name: "nok-admin", dependencies: ["AssessmentApp"], path: "Modules/nok-admin", swiftSettings: strictSettings),
        .executableTarget(name: "nok-report", dependencies: ["AssessmentApp"], path: "Modules/nok-report", swiftSettings: strictSettings),
        .executableTarget(name: "nok-survey", dependencies: ["AssessmentApp"], path: "Modules/nok-survey", swiftSettings: strictSettings),

        // MARK: Test support
        // Fixtures locator, in-memory builders shared by the test targets.
        .target(
            name: "TestSupport",
            dependencies: ["AssessmentKernel"],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),

        // MARK: Tests
        .testTarget(
            name: "AssessmentKernelTests",
            dependencies: ["AssessmentKernel", "TestSupport"],
            path: "Tests/AssessmentKernelTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AssessmentConfigTests",
            dependencies: ["AssessmentConfig", "AssessmentKernel", "TestSupport"],
            path: "Tests/AssessmentConfigTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AssessmentFilesTests",
            dependencies: ["AssessmentFiles", "AssessmentKernel", "TestSupport", .product(name: "CSV", package: "CSV.swift")],
            path: "Tests/AssessmentFilesTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AssessmentStorageTests",
            dependencies: ["AssessmentStorage", "AssessmentKernel", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/AssessmentStorageTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SectorConformanceTests",
            dependencies: ["AssessmentApp", "AssessmentConfig", "AssessmentKernel", "TestSupport"],
            path: "Tests/SectorConformanceTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AssessmentAppTests",
            dependencies: ["AssessmentApp", "AssessmentFiles", "AssessmentConfig", "AssessmentKernel", "AssessmentReporting", "AssessmentStorage", "TestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/AssessmentAppTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AssessmentReportingTests",
            dependencies: ["AssessmentApp", "AssessmentConfig", "AssessmentKernel", "AssessmentReporting", "TestSupport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/AssessmentReportingTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SurveyServerTests",
            dependencies: [
                "SurveyServer", "AssessmentKernel", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/SurveyServerTests",
            swiftSettings: strictSettings
        ),
    ]
)

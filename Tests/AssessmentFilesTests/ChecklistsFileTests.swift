import AssessmentFiles
import AssessmentKernel
import Foundation
import Testing

@Suite("checklists.csv")
struct ChecklistsFileTests {
    let fixture: DataFileFixture
    init() throws { fixture = try DataFileFixture() }

    func read(_ url: URL) throws -> [OrganizationID: [ChecklistID: [ChecklistItemID: ItemMark]]] {
        try ChecklistsFile.read(url, organizations: DataFileFixture.organizations, checklists: DataFileFixture.checklists).marks
    }

    @Test("Every accepted spelling of present, absent and not applicable")
    func happyPath() throws {
        let url = try fixture.write("checklists.csv", """
            organization_id,checklist,item,value
            lib,stand,stand-1,1
            lib,stand,stand-2,  Да
            lib,stand,stand-3,ЕСТЬ
            lib,stand,stand-4,Yes
            lib,website,website-1,0
            lib,website,website-2,нет
            lib,website,website-3,NO
            lib,website,website-4,-
            lib,website,website-5,Н/П
            school,stand,stand-1,неприм
            school,heads_meeting,heads_meeting-2,да
            """)
        let (marks, _, format) = try ChecklistsFile.read(url, organizations: DataFileFixture.organizations, checklists: DataFileFixture.checklists)
        #expect(format == DetectedFormat(encoding: .utf8, delimiter: ","))
        #expect(marks == [
            "lib": [
                "stand": ["stand-1": .present, "stand-2": .present, "stand-3": .present, "stand-4": .present],
                "website": ["website-1": .absent, "website-2": .absent, "website-3": .absent,
                            "website-4": .notApplicable, "website-5": .notApplicable],
            ],
            "school": ["stand": ["stand-1": .notApplicable], "heads_meeting": ["heads_meeting-2": .present]],
        ])
    }

    @Test("Windows-1251 with semicolons")
    func windows1251() throws {
        let url = try fixture.write("checklists.csv", "organization_id;checklist;item;value\r\nlib;stand;stand-1;Есть\r\nlib;stand;stand-2;Нет\r\n", encoding: .windowsCP1251)
        let (marks, _, format) = try ChecklistsFile.read(url, organizations: DataFileFixture.organizations, checklists: DataFileFixture.checklists)
        #expect(format.description == "кодировка Windows-1251, разделитель «;»")
        #expect(marks["lib"]?["stand"] == ["stand-1": .present, "stand-2": .absent])
    }

    @Test("Each kind of problem with its exact message, all together")
    func problems() throws {
        let url = try fixture.write("checklists.csv", """
            organization_id,checklist,item,value
            nobody,stand,stand-1,1
            lib,heads_meeting,heads_meeting-1,1
            lib,stand,stand-9,1
            lib,stand,stand-1,может быть
            lib,stand,stand-2,1
            lib,stand,stand-2,0
            lib,stand,stand-3,
            ,stand,stand-1,1
            """)
        let file = fixture.path("checklists.csv")
        #expect(DataFileFixture.problems { _ = try read(url) } == [
            "\(file):2: поле «organization_id»: значение «nobody»: организация с таким кодом не входит в кампанию (нет в реестре или в файле организаций, либо её сфера не оценивается)",
            "\(file):3: поле «checklist»: значение «heads_meeting»: чек-листа нет в сфере «culture»: ожидался один из: stand, website",
            "\(file):4: поле «item»: значение «stand-9»: пункта нет в чек-листе «stand»: ожидался пункт чек-листа «stand»: stand-1, stand-2, stand-3, stand-4",
            "\(file):5: поле «value»: значение «может быть»: ожидалось «да» (1, есть, yes), «нет» (0, no) или «-» (н/п, неприм), если пункт неприменим",
            "\(file):7: поле «item»: значение «stand-2»: пункт «stand» / «stand-2» для организации «lib» уже отмечен в строке 6: ожидалась одна строка на пункт",
            "\(file):8: поле «value»: значение не заполнено: ожидалось «да» (1, есть, yes), «нет» (0, no) или «-» (н/п, неприм), если пункт неприменим",
            "\(file):9: поле «organization_id»: значение не заполнено: ожидался код организации из файла организаций",
        ])
    }

    @Test("Wrong header")
    func header() throws {
        let url = try fixture.write("checklists.csv", "organization_id,list,item,value\n")
        let file = fixture.path("checklists.csv")
        #expect(DataFileFixture.problems { _ = try read(url) } == [
            "\(file):1: поле «list»: неизвестный столбец: ожидались столбцы organization_id, checklist, item, value, auditor, checked_on, evidence",
            "\(file):1: поле «checklist»: в заголовке нет обязательного столбца",
        ])
    }
}

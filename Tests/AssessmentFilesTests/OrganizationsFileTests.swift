import AssessmentFiles
import AssessmentKernel
import Foundation
import Testing

@Suite("organizations.csv")
struct OrganizationsFileTests {
    let fixture: DataFileFixture
    init() throws { fixture = try DataFileFixture() }

    @Test("All columns, a branch, recipients and a valid ИНН")
    func happyPath() throws {
        let url = try fixture.write("organizations.csv", #"""
            id,name,short_name,sector,type,kind,founder,parent_id,recipients,inn
            cul-01,"МБУК ""Централизованная библиотечная система""",МБУК «ЦБС»,culture,library,central_library,Управление культуры,,420,7707083893
            cul-02,Детская библиотека — филиал,,culture,library,childrens_library,Управление культуры,cul-01,180,
            edu-01,  МБОУ «Средняя школа № 1»  ,,education,school,,,,,

            """#)
        let (organizations, format) = try OrganizationsFile.read(url)
        #expect(format == DetectedFormat(encoding: .utf8, delimiter: ","))
        #expect(format.description == "кодировка UTF-8, разделитель «,»")
        #expect(organizations == [
            Organization(id: "cul-01", name: "МБУК \"Централизованная библиотечная система\"", shortName: "МБУК «ЦБС»",
                         sector: "culture", type: "library", kind: "central_library", founder: "Управление культуры", recipients: 420,
                         inn: "7707083893"),
            Organization(id: "cul-02", name: "Детская библиотека — филиал", sector: "culture", type: "library",
                         kind: "childrens_library", founder: "Управление культуры", parent: "cul-01", recipients: 180),
            Organization(id: "edu-01", name: "МБОУ «Средняя школа № 1»", sector: "education", type: "school"),
        ])
    }

    @Test("Registry details: ОГРН with its check digit, address, site, head, phone, e-mail")
    func registryDetails() throws {
        let url = try fixture.write("organizations.csv", """
            id,name,sector,ogrn,address,website,head,phone,email
            a,Музей,culture,1027700132195,"г. Демо, ул. Ленина, 1",https://museum.example.ru,Иванова А. П.,+7 (000) 123-45-67,museum@example.ru
            b,Клуб,culture,1027700132196,,,,,club.example.ru
            """)
        do {
            _ = try OrganizationsFile.read(url)
            Issue.record("a wrong ОГРН and e-mail were accepted")
        } catch {
            #expect(error.problems.map(\.description) == [
                "\(url.path):3: поле «ogrn»: значение «1027700132196»: не сходится контрольная цифра ОГРН: проверьте номер",
                "\(url.path):3: поле «email»: значение «club.example.ru»: ожидался адрес электронной почты вида name@example.ru",
            ])
        }
        let good = try fixture.write("good.csv", """
            id,name,sector,ogrn,address,website,head,phone,email
            a,Музей,culture,1027700132195,"г. Демо, ул. Ленина, 1",https://museum.example.ru,Иванова А. П.,+7 (000) 123-45-67,museum@example.ru
            """)
        let organization = try #require(try OrganizationsFile.read(good).organizations.first)
        #expect(organization.ogrn == "1027700132195")
        #expect(organization.address == "г. Демо, ул. Ленина, 1")
        #expect(organization.email == "museum@example.ru")
        #expect(organization.head == "Иванова А. П.")
    }

    @Test("Only the required columns, in another order and case")
    func requiredOnly() throws {
        let url = try fixture.write("organizations.csv", "Sector,ID,Name\nculture,a,Библиотека\n")
        let (organizations, _) = try OrganizationsFile.read(url)
        #expect(organizations == [Organization(id: "a", name: "Библиотека", sector: "culture")])
    }

    @Test("UTF-8 with a byte-order mark: the first column is still «id»")
    func byteOrderMark() throws {
        let url = try fixture.write("organizations.csv", "id,name,sector\r\na,Музей,culture\r\n", bom: true)
        let (organizations, format) = try OrganizationsFile.read(url)
        #expect(format == DetectedFormat(encoding: .utf8BOM, delimiter: ","))
        #expect(format.description == "кодировка UTF-8 с BOM, разделитель «,»")
        #expect(organizations.map(\.id) == ["a"])
    }

    @Test("Windows-1251 with semicolons, as Excel saves «CSV (разделители — точка с запятой)»")
    func windows1251() throws {
        let url = try fixture.write("organizations.csv", """
            id;name;sector;founder
            a;Дом культуры «Юбилейный», с. Ёлкино;culture;Управление культуры
            """, encoding: .windowsCP1251)
        let (organizations, format) = try OrganizationsFile.read(url)
        #expect(format == DetectedFormat(encoding: .windows1251, delimiter: ";"))
        #expect(format.description == "кодировка Windows-1251, разделитель «;»")
        #expect(organizations.first?.name == "Дом культуры «Юбилейный», с. Ёлкино")
        #expect(organizations.first?.founder == "Управление культуры")
    }

    @Test("Unknown, repeated and missing columns")
    func headerProblems() throws {
        try fixture.write("organizations.csv", "id,name,sektor,name\na,Б,culture,В\n")
        let found = DataFileFixture.problems { _ = try OrganizationsFile.read(fixture.directory.appendingPathComponent("organizations.csv")) }
        let file = fixture.path("organizations.csv")
        #expect(found == [
            "\(file):1: поле «sektor»: неизвестный столбец: ожидались столбцы id, name, short_name, sector, type, kind, founder, parent_id, recipients, inn, ogrn, address, website, head, phone, email",
            "\(file):1: поле «name»: столбец повторяется: он уже есть под номером 2",
            "\(file):1: поле «sector»: в заголовке нет обязательного столбца",
        ])
    }

    @Test("Every row problem with its exact message, all reported together in line order")
    func rowProblems() throws {
        let url = try fixture.write("organizations.csv", """
            id,name,sector,parent_id,recipients,inn
            a,Библиотека,culture,,много,123
            a,Музей,culture,,-5,7707083894
            b,,culture,zzz,10,
            ,Клуб,,,,
            c,Театр,culture,c,,
            d,Школа,education,a,,
            e,Клуб,culture,
            f,Филиал филиала,culture,g,,
            g,Филиал,culture,a,,
            """)
        let found = DataFileFixture.problems { _ = try OrganizationsFile.read(url) }
        let file = fixture.path("organizations.csv")
        #expect(found == [
            "\(file):2: поле «recipients»: значение «много»: ожидалось целое число не меньше 0 (получателей услуг в год)",
            "\(file):2: поле «inn»: значение «123»: ожидалось 10 цифр (ИНН организации)",
            "\(file):3: поле «id»: значение «a»: код организации повторяется: он уже указан в строке 2",
            "\(file):3: поле «recipients»: значение «-5»: ожидалось целое число не меньше 0 (получателей услуг в год)",
            "\(file):3: поле «inn»: значение «7707083894»: не сходится контрольная цифра ИНН: проверьте номер",
            "\(file):4: поле «name»: значение не заполнено: ожидалось наименование организации",
            "\(file):5: поле «id»: значение не заполнено: ожидался код организации",
            "\(file):5: поле «sector»: значение не заполнено: ожидался код сферы (например, culture, education, social-services)",
            "\(file):6: поле «parent_id»: значение «c»: организация не может быть филиалом самой себя: ожидался код головной организации",
            "\(file):7: поле «parent_id»: значение «a»: головная организация относится к сфере «culture», а филиал — к «education»: ожидалась та же сфера",
            "\(file):8: полей в строке — 4, а в заголовке — 6: ожидалось столько же, сколько в заголовке (проверьте разделители и кавычки)",
            "\(file):9: поле «parent_id»: значение «g»: головная организация сама указана как филиал (строка 10): ожидался один уровень подчинения",
        ])
    }

    @Test("A parent missing from the file")
    func missingParent() throws {
        let url = try fixture.write("organizations.csv", "id,name,sector,parent_id\nb,Филиал,culture,zzz\n")
        #expect(DataFileFixture.problems { _ = try OrganizationsFile.read(url) } == [
            "\(fixture.path("organizations.csv")):2: поле «parent_id»: значение «zzz»: головная организация с таким кодом не найдена в файле: ожидался код из столбца id",
        ])
    }

    @Test("Empty file, header only, a missing file")
    func emptyFiles() throws {
        let empty = try fixture.write("empty.csv", "")
        #expect(DataFileFixture.problems { _ = try OrganizationsFile.read(empty) } == [
            "\(fixture.path("empty.csv")): файл пуст: ожидалась строка заголовка",
        ])
        let headerOnly = try fixture.write("header.csv", "id,name,sector\n\n")
        #expect(DataFileFixture.problems { _ = try OrganizationsFile.read(headerOnly) } == [
            "\(fixture.path("header.csv")):1: в файле нет ни одной организации: ожидалась хотя бы одна строка после заголовка",
        ])
        let missing = fixture.directory.appendingPathComponent("none.csv")
        let problems = DataFileFixture.problems { _ = try OrganizationsFile.read(missing) }
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("\(missing.path): файл не удалось открыть") == true)
    }

    @Test("A relative path is reported as given")
    func relativePath() throws {
        try fixture.write("organizations.csv", "id,name,sector\na,,culture\n")
        let url = URL(fileURLWithPath: "organizations.csv", relativeTo: fixture.directory)
        #expect(DataFileFixture.problems { _ = try OrganizationsFile.read(url) } == [
            "organizations.csv:2: поле «name»: значение не заполнено: ожидалось наименование организации",
        ])
    }

    @Test("Columns Excel leaves without a name are ignored while empty")
    func unnamedColumns() throws {
        let url = try fixture.write("organizations.csv", "id;name;sector;;\na;Музей;culture;;\nb;Клуб;culture;;лишнее\n")
        #expect(DataFileFixture.problems { _ = try OrganizationsFile.read(url) } == [
            "\(fixture.path("organizations.csv")):3: поле «столбец 5 без заголовка»: значение «лишнее»: значение в столбце без имени: ожидалась пустая ячейка или имя столбца в заголовке",
        ])
    }

    @Test("UTF-16 is refused with advice")
    func utf16() throws {
        var data = Data([0xFF, 0xFE])
        data.append(try #require("id,name,sector\n".data(using: .utf16LittleEndian)))
        let url = fixture.directory.appendingPathComponent("organizations.csv")
        try data.write(to: url)
        #expect(DataFileFixture.problems { _ = try OrganizationsFile.read(url) } == [
            "\(url.path): файл в кодировке UTF-16 («Текст Юникод»): ожидался CSV в UTF-8 или Windows-1251; сохраните его в Excel как «CSV UTF-8» или «CSV (разделители — точка с запятой)»",
        ])
    }
}

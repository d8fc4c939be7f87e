import AssessmentKernel

/// The questionnaire as an HTML form: one fieldset per question, labels on every input, skip logic written
/// out as a hint (works without JavaScript) and applied by a small script when JavaScript runs.
enum QuestionnairePage {
    struct Form {
        var action: String
        /// Hidden fields: the CSRF token and what it is bound to.
        var hidden: [(name: String, value: String)]
        var answers: [QuestionID: String] = [:]
        var problems: [AnswerProblem] = []
        var submitLabel = "Отправить анкету"
        /// Extra controls before the questions (the operator's channel choice).
        var preface = ""
    }

    static func form(_ questionnaire: SurveyQuestionnaire, _ form: Form) -> String {
        let number = Dictionary(questionnaire.questions.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        var html = ""
        let general = form.problems.filter { $0.question == nil || number[$0.question!] == nil }
        if !form.problems.isEmpty {
            html += "<div class=\"errors\" role=\"alert\" id=\"problems\" tabindex=\"-1\"><p><strong>Анкета не отправлена — проверьте ответы:</strong></p><ul>"
            for problem in form.problems {
                if let id = problem.question, let n = number[id] {
                    html += "<li><a href=\"#f-\(Html.escape(id.rawValue))\">Вопрос \(n)</a>: \(Html.escape(problem.message))</li>"
                }
            }
            for problem in general { html += "<li>\(Html.escape(problem.message))</li>" }
            html += "</ul></div>\n"
        }
        html += "<form method=\"post\" action=\"\(Html.escape(form.action))\" data-questionnaire novalidate>\n"
        for field in form.hidden {
            html += "<input type=\"hidden\" name=\"\(Html.escape(field.name))\" value=\"\(Html.escape(field.value))\">\n"
        }
        html += form.preface
        for question in questionnaire.questions {
            html += render(question, number: number[question.id] ?? 0, numbers: number, questions: questionnaire.questions,
                           answer: form.answers[question.id], problem: form.problems.first { $0.question == question.id })
        }
        html += "<p><button type=\"submit\">\(Html.escape(form.submitLabel))</button></p>\n</form>\n"
        return html
    }

    private static func render(_ question: Question, number: Int, numbers: [QuestionID: Int], questions: [Question],
                               answer: String?, problem: AnswerProblem?) -> String {
        let id = Html.escape(question.id.rawValue)
        let name = "a.\(id)"
        var describedBy: [String] = []
        var hint = ""
        var conditional = ""
        if let filter = question.filter {
            let gate = questions.first { $0.id == filter.question }
            let answerText = gate.map { optionText(filter.answer, of: $0) } ?? filter.answer
            hint = "<p class=\"hint\" id=\"h-\(id)\">Отвечайте, только если на вопрос \(numbers[filter.question] ?? 0) вы ответили «\(Html.escape(answerText))».</p>"
            describedBy.append("h-\(id)")
            conditional = " class=\"conditional\" data-if=\"\(Html.escape(filter.question.rawValue))\" data-is=\"\(Html.escape(filter.answer))\""
        }
        var error = ""
        if let problem {
            error = "<p class=\"error\" id=\"e-\(id)\">\(Html.escape(problem.message))</p>"
            describedBy.append("e-\(id)")
        }
        let described = describedBy.isEmpty ? "" : " aria-describedby=\"\(describedBy.joined(separator: " "))\""
        let invalid = problem == nil ? "" : " aria-invalid=\"true\""
        let text = "<span class=\"num\">\(number).</span> \(Html.escape(question.text))"
        switch question.answer {
        case .yesNo, .choice:
            let options: [(String, String)] = switch question.answer {
            case .choice(let options): options.map { ($0.id, $0.text) }
            default: [(AnswerKind.yes, "Да"), (AnswerKind.no, "Нет")]
            }
            var html = "<fieldset id=\"f-\(id)\"\(conditional)\(described)\(invalid)>\n<legend>\(text)</legend>\n\(hint)\(error)\n"
            for (value, label) in options {
                let inputID = "\(id)-\(Html.escape(value))"
                let checked = answer == value ? " checked" : ""
                html += "<div class=\"opt\"><input type=\"radio\" id=\"\(inputID)\" name=\"\(name)\" value=\"\(Html.escape(value))\"\(checked)>"
                    + "<label for=\"\(inputID)\">\(Html.escape(label))</label></div>\n"
            }
            return html + "</fieldset>\n"
        case .number(let min, let max):
            let bounds = (min.map { " min=\"\(AnswerValidation.format($0))\"" } ?? "") + (max.map { " max=\"\(AnswerValidation.format($0))\"" } ?? "")
            return """
                <fieldset id="f-\(id)"\(conditional)>
                <legend>\(text)</legend>\(hint)\(error)
                <label for="\(id)-input">Число (необязательно)</label>
                <input type="number" inputmode="numeric" id="\(id)-input" name="\(name)"\(bounds) value="\(Html.escape(answer ?? ""))"\(described)\(invalid)>
                </fieldset>

                """
        case .text:
            return """
                <fieldset id="f-\(id)"\(conditional)>
                <legend>\(text)</legend>\(hint)\(error)
                <label for="\(id)-input">Ваш ответ (необязательно)</label>
                <textarea id="\(id)-input" name="\(name)" maxlength="\(AnswerValidation.maxTextLength)"\(described)\(invalid)>\(Html.escape(answer ?? ""))</textarea>
                </fieldset>

                """
        }
    }

    private static func optionText(_ value: String, of question: Question) -> String {
        switch question.answer {
        case .yesNo: value == AnswerKind.yes ? "Да" : value == AnswerKind.no ? "Нет" : value
        case .choice(let options): options.first { $0.id == value }?.text ?? value
        default: value
        }
    }

    /// Operators' fast entry: a digit picks that option of the focused question and moves to the next question
    /// the skip logic shows; after a save the cursor starts on the first question. Without it, Tab and arrows work.
    static let entryScript = """
        (function(){
        var form=document.querySelector('form[data-questionnaire]');if(!form)return;
        function boxes(){return [].slice.call(form.querySelectorAll('fieldset')).filter(function(f){
        return !f.classList.contains('hidden')&&f.querySelector('input[type=radio]');});}
        function enter(box){var r=box.querySelector('input[type=radio]:checked')||box.querySelector('input[type=radio]');r.focus();}
        form.addEventListener('keydown',function(e){
        var t=e.target;if(t.type!=='radio')return;
        var n=parseInt(e.key,10);if(!(n>=1&&n<=9))return;
        var box=t.closest('fieldset');var radios=box.querySelectorAll('input[type=radio]');
        if(n>radios.length)return;e.preventDefault();
        radios[n-1].checked=true;radios[n-1].dispatchEvent(new Event('change',{bubbles:true}));
        var list=boxes();var next=list[list.indexOf(box)+1];
        if(next)enter(next);else(form.querySelector('fieldset:not(.hidden) input[type=number]')||form.querySelector('button')).focus();});
        if(document.querySelector('.notice')){var first=boxes()[0];if(first)enter(first);}
        })();
        """

    /// Hides questions whose condition is not met and disables their inputs so they are not sent;
    /// without JavaScript every question shows with its hint and the server applies the same rule.
    static let skipScript = """
        (function(){
        var form=document.querySelector('form[data-questionnaire]');if(!form)return;
        function value(q){var c=form.querySelector('input[name="a.'+q+'"]:checked');return c&&!c.disabled?c.value:null;}
        function apply(){form.querySelectorAll('[data-if]').forEach(function(box){
        var on=value(box.getAttribute('data-if'))===box.getAttribute('data-is');
        box.classList.toggle('hidden',!on);
        box.querySelectorAll('input,textarea,select').forEach(function(i){i.disabled=!on;});
        var h=box.querySelector('.hint');if(h)h.classList.add('hidden');});}
        form.addEventListener('change',apply);apply();
        var p=document.getElementById('problems');if(p)p.focus();
        })();
        """
}

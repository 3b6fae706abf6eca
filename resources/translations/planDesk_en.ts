<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>AuditLogView</name>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="192"/>
        <source>内容・変更前後の値で検索</source>
        <translation>Search summaries and before/after values</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="199"/>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="205"/>
        <source>過去の版も含める</source>
        <translation>Include earlier revisions</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="201"/>
        <source>条件をクリア(&amp;R)</source>
        <translation>&amp;Reset filters</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="202"/>
        <source>検索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="202"/>
        <source>操作</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="203"/>
        <source>対象</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="203"/>
        <source>利用者</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="204"/>
        <source>期間の開始日</source>
        <translation>From date</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="204"/>
        <source>期間の終了日</source>
        <translation>To date</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="206"/>
        <source>条件をクリア</source>
        <translation>Reset filters</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="209"/>
        <source>検索(&amp;S)</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="211"/>
        <source>操作(&amp;O)</source>
        <translation>&amp;Operation</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="211"/>
        <source>対象(&amp;T)</source>
        <translation>&amp;Target</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="212"/>
        <source>利用者(&amp;U)</source>
        <translation>&amp;User</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="219"/>
        <source>期間(&amp;D)</source>
        <translation>&amp;Dates</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="232"/>
        <source>監査ログ</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="249"/>
        <source>選択した記録の詳細</source>
        <translation>Details of the selected entry</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="250"/>
        <source>記録を選ぶと、変更前と変更後の値をすべて表示します。</source>
        <translation>Select an entry to see all its values before and after.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="252"/>
        <source>件数</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="282"/>
        <source>指定なし</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="302"/>
        <source>すべて</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="357"/>
        <source>（{0} 回の保存をまとめて表示）</source>
        <translation> ({0} saves shown as one)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="364"/>
        <source>  変更前：</source>
        <translation>  Before: </translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="366"/>
        <source>  変更後：</source>
        <translation>  After: </translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="372"/>
        <source>{0} 件</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="373"/>
        <source>{0} 件中 {1} 件を表示（下へスクロールすると続きを読み込みます）</source>
        <translation>Showing {1} of {0} (scroll down to load more)</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="81"/>
        <source>日時</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="81"/>
        <source>利用者</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="81"/>
        <source>操作</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="81"/>
        <source>内容</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="82"/>
        <source>変更前 → 変更後</source>
        <translation>Before → after</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="156"/>
        <source>{0}（{1} 回の保存）</source>
        <translation>{0} ({1} saves)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/audit_view.py" line="166"/>
        <source>{0} から {1} までの自動保存・保存をまとめて表示しています。</source>
        <translation>Autosaves and saves from {0} to {1}, shown as one row.</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <location filename="../../src/planDesk/gui/widgets/background.py" line="64"/>
        <source>中止</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/widgets/background.py" line="80"/>
        <source>中止しています…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>CycleSelector</name>
    <message>
        <location filename="../../src/planDesk/gui/window/cycle_selector.py" line="27"/>
        <source>報告年度(&amp;Y)</source>
        <translation>Reporting &amp;year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/cycle_selector.py" line="29"/>
        <source>報告年度</source>
        <translation>Reporting year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/cycle_selector.py" line="32"/>
        <source>報告期間</source>
        <translation>Reporting period</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/cycle_selector.py" line="33"/>
        <source>通年</source>
        <translation>Whole year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/cycle_selector.py" line="33"/>
        <source>上半期</source>
        <translation>First half</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/cycle_selector.py" line="33"/>
        <source>下半期</source>
        <translation>Second half</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/cycle_selector.py" line="49"/>
        <source>{0}</source>
        <comment>fiscal year</comment>
        <translation>FY{1} ({2})</translation>
    </message>
</context>
<context>
    <name>DepartmentsDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="148"/>
        <source>部署の管理</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="151"/>
        <source>部署の一覧</source>
        <translation>Department list</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="153"/>
        <source>部署名</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="155"/>
        <source>部署の種類</source>
        <translation>Kind of department</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="156"/>
        <source>通常の部署</source>
        <translation>Ordinary department</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="160"/>
        <source>部署名(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="163"/>
        <source>種類(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="168"/>
        <source>追加(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="168"/>
        <source>変更を保存(&amp;S)</source>
        <translation>&amp;Save changes</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="169"/>
        <source>上へ(&amp;U)</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="169"/>
        <source>下へ(&amp;W)</source>
        <translation>Move do&amp;wn</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="170"/>
        <source>廃止／復活(&amp;R)</source>
        <translation>&amp;Retire / restore</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="182"/>
        <source>新しい部署は名前を入力して「追加」。一覧で選んだ部署の名前や種類を変えるときは「変更を保存」。廃止した部署の報告は残ります。</source>
        <translation>Type a new department’s name and press Add. To rename the selected department or change its kind, press Save changes. Reports of a retired department are kept.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="201"/>
        <source>［廃止］</source>
        <translation>[retired]</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="24"/>
        <source>検索（Ctrl+F）：番号・名称・概要・部署…</source>
        <translation>Search (Ctrl+F): code, title, overview, department…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="25"/>
        <source>検索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="27"/>
        <source>自部署(&amp;M)</source>
        <translation>&amp;Mine</translation>
    </message>
    <message>
        <source>自部署の取組だけ表示</source>
        <translation type="vanished">Show only my department&apos;s initiatives</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="28"/>
        <source>重点(&amp;P)</source>
        <translation>&amp;Priority</translation>
    </message>
    <message>
        <source>重点の取組だけ表示</source>
        <translation type="vanished">Show only priority initiatives</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="29"/>
        <source>新規(&amp;N)</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>新規の取組だけ表示</source>
        <translation type="vanished">Show only new initiatives</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="32"/>
        <source>進捗評価で絞り込み</source>
        <translation>Filter by evaluation</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="34"/>
        <source>報告状況で絞り込み</source>
        <translation>Filter by report status</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="35"/>
        <source>報告状況：すべて</source>
        <translation>Report status: all</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="64"/>
        <source>自部署のものだけ表示</source>
        <translation>Show only my department&apos;s items</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="64"/>
        <source>重点のものだけ表示</source>
        <translation>Show only priority items</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="64"/>
        <source>新規のものだけ表示</source>
        <translation>Show only new items</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="66"/>
        <source>自部署の{0}だけ表示</source>
        <translation>Show only my department&apos;s {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="66"/>
        <source>重点の{0}だけ表示</source>
        <translation>Show only priority {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="67"/>
        <source>新規の{0}だけ表示</source>
        <translation>Show only new {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="75"/>
        <source>進捗評価：すべて</source>
        <translation>Evaluation: all</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter_bar.py" line="78"/>
        <source>評価なし</source>
        <translation>Not evaluated</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="51"/>
        <source>エラー</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>FyCombo</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="88"/>
        <source>指定なし</source>
        <translation>Any</translation>
    </message>
</context>
<context>
    <name>GoalDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="194"/>
        <source>記号(&amp;M)</source>
        <translation>&amp;Mark</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="194"/>
        <source>目標の記号</source>
        <translation>Goal mark</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="195"/>
        <source>内容(&amp;T)</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="195"/>
        <source>目標の内容</source>
        <translation>Goal text</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="196"/>
        <source>目標年度（開始）(&amp;S)</source>
        <translation>Target year (&amp;start)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="196"/>
        <source>目標年度（開始）</source>
        <translation>Target year (start)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="197"/>
        <source>目標年度（終了）(&amp;E)</source>
        <translation>Target year (&amp;end)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="197"/>
        <source>目標年度（終了）</source>
        <translation>Target year (end)</translation>
    </message>
</context>
<context>
    <name>HostedTools</name>
    <message>
        <location filename="../../src/planDesk/gui/window/hosted_tools.py" line="63"/>
        <source>（旧版・閲覧のみ）</source>
        <translation> (earlier revision, read only)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/hosted_tools.py" line="64"/>
        <source>計画の編集 — {0}（{1}）{2}</source>
        <translation>Edit the plan — {0} ({1}){2}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/hosted_tools.py" line="74"/>
        <source>変更履歴（監査ログ） — {0}</source>
        <translation>Audit log — {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/hosted_tools.py" line="92"/>
        <source>提出物の取込 — {0}</source>
        <translation>Merge submissions — {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/hosted_tools.py" line="110"/>
        <source>提出状況 — {0}</source>
        <translation>Submission tracker — {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/hosted_tools.py" line="126"/>
        <source>工程表 — {0}（{1}）</source>
        <translation>Roadmap — {0} ({1})</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/window/identity_dialog.py" line="26"/>
        <source>利用者の設定</source>
        <translation>Who are you?</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/identity_dialog.py" line="29"/>
        <source>「{0}」で、あなたの所属を選んでください。
所属によって、入力・確認できる内容が変わります。後から［ファイル］メニューで変更できます。</source>
        <translation>Choose your department in “{0}”.
What you can enter and review depends on it. You can change it later from the File menu.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/identity_dialog.py" line="34"/>
        <source>担当部署として報告を入力する(&amp;D)</source>
        <translation>Enter reports as a &amp;department</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/identity_dialog.py" line="36"/>
        <source>所属部署</source>
        <translation>Your department</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/identity_dialog.py" line="46"/>
        <source>情報政策課として取りまとめる（全部署の報告の確認・差戻し）(&amp;V)</source>
        <translation>Coordinate as the information policy di&amp;vision (review and return every report)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/identity_dialog.py" line="66"/>
        <source>部署名を選ぶか、入力して絞り込み</source>
        <translation>Choose a department, or type to narrow the list</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/identity_dialog.py" line="82"/>
        <source>部署「{0}」はこの計画にありません。一覧から選んでください。</source>
        <translation>The department “{0}” is not in this plan. Choose one from the list.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/identity_dialog.py" line="83"/>
        <source>所属する部署を一覧から選んでください。</source>
        <translation>Choose your department from the list.</translation>
    </message>
</context>
<context>
    <name>InitiativePage</name>
    <message>
        <source>取組名</source>
        <translation type="vanished">Initiative</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/initiative_page.py" line="59"/>
        <source>{0}名</source>
        <translation>{0} title</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/initiative_page.py" line="76"/>
        <source>担当部署：{0}</source>
        <translation>Departments: {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/initiative_page.py" line="77"/>
        <source>など</source>
        <translation> etc.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/initiative_page.py" line="79"/>
        <source>【重点】</source>
        <translation>[Priority]</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/initiative_page.py" line="81"/>
        <source>【{0}新規】</source>
        <translation>[New in {0}]</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/initiative_page.py" line="88"/>
        <source>&lt;b&gt;進捗報告&lt;/b&gt;（{0}）</source>
        <translation>&lt;b&gt;Progress report&lt;/b&gt; ({0})</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/initiative_page.py" line="92"/>
        <source>所属が設定されていません。［ファイル］→［利用者（所属）の変更］で所属を選ぶと、報告を入力できます。</source>
        <translation>No department is set. Choose yours with File → Change user (department) to enter reports.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/initiative_page.py" line="98"/>
        <source>{0}はこの{1}の担当部署ではないため、報告の入力はありません。</source>
        <translation>{0} is not responsible for this {1}, so there is no report to enter.</translation>
    </message>
    <message>
        <source>{0}はこの取組の担当部署ではないため、報告の入力はありません。</source>
        <translation type="vanished">{0} is not responsible for this initiative, so there is no report to enter.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/initiative_page.py" line="106"/>
        <source>この年度の報告はまだどの部署からもありません。</source>
        <translation>No department has reported for this year yet.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/initiative_page.py" line="110"/>
        <source>部署ごとの報告</source>
        <translation>Reports by department</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/initiative_page.py" line="117"/>
        <source>指標の合計</source>
        <translation>KPI totals</translation>
    </message>
</context>
<context>
    <name>InitiativePane</name>
    <message>
        <source>重点取組</source>
        <translation type="vanished">Priority initiative</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="166"/>
        <source>担当部署の後に「など」と書く</source>
        <translation>Write “etc.” after the departments</translation>
    </message>
    <message>
        <source>取組名</source>
        <translation type="vanished">Initiative</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="172"/>
        <source>新規の年度</source>
        <translation>New in year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="172"/>
        <source>担当部署</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="173"/>
        <source>追加する部署</source>
        <translation>Department to add</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="173"/>
        <source>「など」</source>
        <translation>“etc.”</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="174"/>
        <source>概要</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="174"/>
        <source>取組状況の見出し</source>
        <translation>Status heading</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="175"/>
        <source>取組状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>取組名(&amp;N)</source>
        <translation type="vanished">&amp;Title</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="183"/>
        <source>新規(&amp;Y)</source>
        <translation>New in &amp;year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="189"/>
        <source>区分</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="194"/>
        <source>部署を追加</source>
        <translation>Add department</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="195"/>
        <source>外す</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="196"/>
        <source>↑</source>
        <translation>↑</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="197"/>
        <source>↓</source>
        <translation>↓</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="200"/>
        <source>担当部署(&amp;D)</source>
        <translation>&amp;Departments</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="201"/>
        <source>概要(&amp;O)</source>
        <translation>&amp;Overview</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="202"/>
        <source>取組状況の見出し(&amp;H)</source>
        <translation>Status &amp;heading</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="203"/>
        <source>取組状況(&amp;T)</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="204"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="205"/>
        <source>編集を取り消す</source>
        <translation>Discard edits</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="208"/>
        <source>保存の状態</source>
        <translation>Save state</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="222"/>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="223"/>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="224"/>
        <source>目標</source>
        <translation>Goals</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="222"/>
        <source>目標年度</source>
        <translation>Target year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="223"/>
        <source>指標</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="223"/>
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="223"/>
        <source>目標値</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="224"/>
        <source>工程表</source>
        <translation>Roadmap</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="224"/>
        <source>工程</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="224"/>
        <source>期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="247"/>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="247"/>
        <source>重点</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="248"/>
        <source>名称(&amp;N)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="250"/>
        <source>{0}名</source>
        <translation>{0} title</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="250"/>
        <source>重点{0}</source>
        <translation>Priority {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="251"/>
        <source>{0}名(&amp;N)</source>
        <translation>{0} &amp;title</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="260"/>
        <source>{0}の一覧</source>
        <translation>{0} list</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="273"/>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="274"/>
        <source>編集</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="275"/>
        <source>削除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="276"/>
        <source>上へ</source>
        <translation>Up</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="277"/>
        <source>下へ</source>
        <translation>Down</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="294"/>
        <source>（廃止）</source>
        <translation>(retired)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="300"/>
        <source>新規ではない</source>
        <translation>Not new</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="302"/>
        <source>新規（{0}）</source>
        <translation>New ({0})</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="391"/>
        <source>未保存の変更があります</source>
        <translation>Unsaved changes</translation>
    </message>
</context>
<context>
    <name>InitiativeRoadmap</name>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/initiative_chart.py" line="38"/>
        <source>工程表</source>
        <translation>Roadmap</translation>
    </message>
</context>
<context>
    <name>KpiDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="215"/>
        <source>例：1,234（全角も可）</source>
        <translation>e.g. 1,234 (full-width digits accepted)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="216"/>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="240"/>
        <source>基準日を指定する</source>
        <translation>Give a baseline date</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="231"/>
        <source>なし</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="236"/>
        <source>指標名(&amp;N)</source>
        <translation>KPI &amp;name</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="236"/>
        <source>指標名</source>
        <translation>KPI name</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="237"/>
        <source>単位(&amp;U)</source>
        <translation>&amp;Unit</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="237"/>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="238"/>
        <source>向き(&amp;D)</source>
        <translation>&amp;Direction</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="238"/>
        <source>指標の向き</source>
        <translation>KPI direction</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="239"/>
        <source>基準値(&amp;B)</source>
        <translation>&amp;Baseline</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="239"/>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="252"/>
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="241"/>
        <source>基準日(&amp;A)</source>
        <translation>Baseline d&amp;ate</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="241"/>
        <source>基準日</source>
        <translation>Baseline date</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="242"/>
        <source>基準値の年度(&amp;Y)</source>
        <translation>Baseline &amp;year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="242"/>
        <source>基準値の年度</source>
        <translation>Baseline year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="243"/>
        <source>目標値(&amp;T)</source>
        <translation>&amp;Target</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="243"/>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="253"/>
        <source>目標値</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="244"/>
        <source>目標年度(&amp;F)</source>
        <translation>Target &amp;year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="244"/>
        <source>目標年度</source>
        <translation>Target year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="245"/>
        <source>関連する目標(&amp;G)</source>
        <translation>Related &amp;goal</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="245"/>
        <source>関連する目標</source>
        <translation>Related goal</translation>
    </message>
</context>
<context>
    <name>KpiTotalsView</name>
    <message>
        <location filename="../../src/planDesk/gui/report/kpi_totals.py" line="31"/>
        <source>各部署が報告した実績の合計です（{0}部署が報告）。</source>
        <translation>Totals of the actuals the departments reported ({0} departments reported).</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/kpi_totals.py" line="39"/>
        <source>指標</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/kpi_totals.py" line="39"/>
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/kpi_totals.py" line="39"/>
        <source>目標値</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/kpi_totals.py" line="39"/>
        <source>実績の合計</source>
        <translation>Total actual</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/kpi_totals.py" line="40"/>
        <source>報告部署数</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/kpi_totals.py" line="40"/>
        <source>達成率</source>
        <translation>Attainment</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/kpi_totals.py" line="40"/>
        <source>指標の合計</source>
        <translation>KPI totals</translation>
    </message>
</context>
<context>
    <name>LevelsDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="255"/>
        <source>階層の名前</source>
        <translation>Level names</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="257"/>
        <source>画面・印刷物・計画ブックは、ここで決めた名前で各階層を呼びます。
階層は一番下に追加できます。一番下の階層は、そこにグループがないときだけ削除できます。</source>
        <translation>Screens, printouts and the plan workbook call each level by the name given here.
Levels are added at the bottom. The lowest level can be removed only while no group is at it.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="263"/>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="266"/>
        <source>グループの階層の名前</source>
        <translation>Names of the group levels</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="271"/>
        <source>下に階層を追加(&amp;A)</source>
        <translation>&amp;Add a level below</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="272"/>
        <source>一番下の階層を削除(&amp;D)</source>
        <translation>&amp;Delete the lowest level</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="281"/>
        <source>取組の階層の名前(&amp;I)</source>
        <translation>&amp;Initiatives&apos; level name</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="281"/>
        <source>取組の階層の名前</source>
        <translation>Initiatives&apos; level name</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="289"/>
        <source>第{0}階層</source>
        <translation>Level {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="423"/>
        <location filename="../../src/planDesk/gui/window/shell.py" line="28"/>
        <source>読み込み中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="117"/>
        <source>計画の一覧</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="136"/>
        <source>表示中の件数</source>
        <translation>Shown</translation>
    </message>
    <message>
        <source>左の一覧から取組を選んでください。</source>
        <translation type="vanished">Choose an initiative in the list on the left.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="164"/>
        <source>保存の状態</source>
        <translation>Save state</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="200"/>
        <source>ツールバー</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="204"/>
        <source>計画(&amp;L)</source>
        <translation>P&amp;lan</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="206"/>
        <source>計画</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="216"/>
        <source>利用者（所属）</source>
        <translation>User (department)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="228"/>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="229"/>
        <source>利用者（所属）の変更(&amp;U)…</source>
        <translation>Change &amp;user (department)…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="231"/>
        <source>表示言語(&amp;G)</source>
        <translation>Lan&amp;guage</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="235"/>
        <source>終了(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="237"/>
        <source>編集(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="239"/>
        <source>元に戻す(&amp;U)</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="240"/>
        <source>やり直す(&amp;R)</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="243"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="244"/>
        <source>検索(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="246"/>
        <source>表示(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="247"/>
        <source>すべて展開(&amp;E)</source>
        <translation>&amp;Expand all</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="248"/>
        <source>すべて折りたたむ(&amp;C)</source>
        <translation>&amp;Collapse all</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="250"/>
        <source>工程表(&amp;R)…</source>
        <translation>&amp;Roadmap…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="253"/>
        <source>出力(&amp;O)</source>
        <translation>&amp;Output</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="257"/>
        <source>計画(&amp;K)</source>
        <translation>Pl&amp;an</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="258"/>
        <source>計画の編集(&amp;E)…</source>
        <translation>&amp;Edit the plan…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="259"/>
        <source>変更履歴（監査ログ）(&amp;A)…</source>
        <translation>&amp;Audit log…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="261"/>
        <source>取りまとめ(&amp;C)</source>
        <translation>&amp;Collect</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="262"/>
        <source>提出物の取込(&amp;M)…</source>
        <translation>&amp;Merge submissions…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="263"/>
        <source>提出状況(&amp;T)…</source>
        <translation>Submission &amp;tracker…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="265"/>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="266"/>
        <source>planDesk について(&amp;A)</source>
        <translation>&amp;About planDesk</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="422"/>
        <source>（ログファイルを書き込めません）</source>
        <translation>(the log file cannot be written)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="424"/>
        <source>planDesk について</source>
        <translation>About planDesk</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="425"/>
        <source>planDesk {0}
デジタル化推進アクションプランの進捗報告・集約ツール

データベース：{1}
ログ：{2}</source>
        <translation>planDesk {0}
Progress reporting for the digital transformation action plan

Database: {1}
Log: {2}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="465"/>
        <source>前回保存されなかった入力を{0}件復元しました（最初の報告を表示しています）</source>
        <translation>Restored {0} unsaved input(s) from last time (showing the first report)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="468"/>
        <source>前回終了したときに保存されていなかった入力があります。入力の画面に戻しました。
{0}</source>
        <translation>Some input was not saved when planDesk last ended. It has been put back into its form.
{0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="488"/>
        <source>（旧版）</source>
        <translation> (earlier revision)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="576"/>
        <source>所属：未設定</source>
        <translation>User: not set</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="578"/>
        <source>情報政策課（取りまとめ）</source>
        <translation>情報政策課 (the division)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="579"/>
        <source>所属：{0}</source>
        <translation>User: {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="593"/>
        <source>{0}件を表示中（全{1}件）</source>
        <translation>Showing {0} of {1}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="594"/>
        <source>全{0}件</source>
        <translation>{0} in all</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="644"/>
        <source>左の一覧から選んでください。</source>
        <translation>Choose an item in the list on the left.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="645"/>
        <source>左の一覧から{0}を選んでください。</source>
        <translation>Choose from the list on the left ({0}).</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="699"/>
        <source>保存しました</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="759"/>
        <source>保存済み</source>
        <translation>All saved</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="760"/>
        <source>未保存の入力があります（数秒後に自動保存）</source>
        <translation>Unsaved input (saved automatically in a few seconds)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="761"/>
        <source>保存中…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="762"/>
        <source>保存できていない入力があります（入力内容は保護されています）</source>
        <translation>Some input could not be saved (it is kept safe)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="775"/>
        <source>表示言語を切り替えるため、planDesk を再起動します。よろしいですか。</source>
        <translation>planDesk restarts to change the language. Continue?</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/main_window.py" line="813"/>
        <source>保存できていない入力があります。入力内容はこのパソコンに保持し、次回の起動時に復元します。
終了しますか。</source>
        <translation>Some input could not be saved. It is kept on this computer and restored at the next start.
Exit now?</translation>
    </message>
</context>
<context>
    <name>MergeView</name>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="127"/>
        <source>提出ブック（.xlsx）をここにドロップするか、「追加」で選んでください。取り込む前に差分を確認できます。</source>
        <translation>Drop submission workbooks (.xlsx) here or choose them with Add. You see the changes before anything is merged.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="129"/>
        <source>追加(&amp;A)…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="130"/>
        <source>クリア(&amp;L)</source>
        <translation>C&amp;lear</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="131"/>
        <source>古いファイルも取り込む</source>
        <translation>Merge outdated files too</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="141"/>
        <source>取り込む(&amp;M)</source>
        <translation>&amp;Merge</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="145"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="158"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="163"/>
        <source>ファイル</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="145"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="164"/>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="145"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="158"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="163"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="145"/>
        <source>報告サイクル</source>
        <translation>Cycle</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="146"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="164"/>
        <source>適用</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="146"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="164"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="233"/>
        <source>競合</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="146"/>
        <source>変更なし</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="148"/>
        <source>提出ブックの一覧</source>
        <translation>Submission workbooks</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="150"/>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="150"/>
        <source>コード</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>取組</source>
        <translation type="vanished">Initiative</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="150"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="158"/>
        <source>項目</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="151"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="159"/>
        <source>データベース</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="151"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="159"/>
        <source>提出</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="151"/>
        <source>セル</source>
        <translation>Cell</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="152"/>
        <source>変更の一覧</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="147"/>
        <source>Excelで編集</source>
        <translation>Edited in Excel</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="132"/>
        <source>必須項目が空の行は下書きとして取り込む</source>
        <translation>Take rows with empty required fields in as drafts</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="133"/>
        <source>実施状況・進捗評価・今後の方向性が空の行を、提出済にせず下書きとして取り込みます。オフのときは、そのようなファイルは取り込みません。</source>
        <translation>Rows whose activities, evaluation or direction are empty are taken in as drafts instead of submitted. When off, such files are not merged.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="137"/>
        <source>受付中でない報告サイクルの提出ブックを取り込むときは、そのサイクルを明示してください。</source>
        <translation>To merge a workbook for a cycle that is not being collected, name that cycle explicitly.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="146"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="151"/>
        <source>要確認</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="147"/>
        <source>下書きで取込</source>
        <translation>Taken as draft</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="155"/>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="156"/>
        <source>取り込めない理由・注意</source>
        <translation>Why not, and notes</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="157"/>
        <source>選んだファイルの変更（新規・変更・競合）</source>
        <translation>Changes in the selected file (new, changed, conflicting)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="159"/>
        <source>出力時</source>
        <translation>At export</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="160"/>
        <source>未解決の競合</source>
        <translation>Open conflicts</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="161"/>
        <source>提出の値を採用(&amp;F)</source>
        <translation>Take the &amp;file&apos;s value</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="162"/>
        <source>データベースの値を残す(&amp;K)</source>
        <translation>&amp;Keep the database&apos;s value</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="163"/>
        <source>日時</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="163"/>
        <source>サイクル</source>
        <translation>Cycle</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="164"/>
        <source>取込の履歴</source>
        <translation>Merge history</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="166"/>
        <source>この取込を取り消す(&amp;U)</source>
        <translation>&amp;Undo this merge</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="192"/>
        <source>報告サイクルを明示(&amp;Y)</source>
        <translation>Name the c&amp;ycle</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="232"/>
        <source>取込(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="234"/>
        <source>履歴</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="250"/>
        <source>提出ブックを選ぶ</source>
        <translation>Choose submission workbooks</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="251"/>
        <source>Excel ブック (*.xlsx);;すべてのファイル (*)</source>
        <translation>Excel workbooks (*.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="271"/>
        <source>受付中の報告サイクル：{0}</source>
        <translation>Cycle being collected: {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="272"/>
        <source>受付中の報告サイクルはありません（どのサイクルも取り込みます）</source>
        <translation>No cycle is being collected (workbooks of any cycle are merged)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="274"/>
        <source>指定しない（受付中のサイクル）</source>
        <translation>Not named (the cycle being collected)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="306"/>
        <source>{0}/{1}：{2}</source>
        <translation>{0}/{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="327"/>
        <source>提出ブックを確認しています</source>
        <translation>Checking the submission workbooks</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="327"/>
        <source>提出ブックを取り込んでいます</source>
        <translation>Merging the submission workbooks</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="341"/>
        <source>取込可</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="341"/>
        <source>取込済</source>
        <translation>Merged</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="341"/>
        <source>取込済み（変更なし）</source>
        <translation>Already merged (no change)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="342"/>
        <source>古いファイル</source>
        <translation>Outdated</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="342"/>
        <source>取り込めません</source>
        <translation>Cannot merge</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="343"/>
        <source>空き容量不足</source>
        <translation>Disk full</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="343"/>
        <source>未処理（中断）</source>
        <translation>Not processed (stopped)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="355"/>
        <source>はい</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="355"/>
        <source>いいえ</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="375"/>
        <source>要確認：</source>
        <translation>Check: </translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="406"/>
        <source>取消済</source>
        <translation>Undone</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="406"/>
        <source>有効</source>
        <translation>In effect</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_view.py" line="407"/>
        <source>競合（{0}）</source>
        <translation>Conflicts ({0})</translation>
    </message>
</context>
<context>
    <name>NodeDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="123"/>
        <source>名称(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="123"/>
        <source>{0}の名称</source>
        <translation>Name of the {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="128"/>
        <source>担当部署(&amp;D)</source>
        <translation>&amp;Departments</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="128"/>
        <source>担当部署</source>
        <translation>Departments</translation>
    </message>
</context>
<context>
    <name>NumberDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="134"/>
        <source>番号の変更</source>
        <translation>Change number</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="135"/>
        <source>今の番号：{0}</source>
        <translation>Current number: {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="139"/>
        <source>新しい番号(&amp;N)</source>
        <translation>&amp;New number</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="139"/>
        <source>新しい番号</source>
        <translation>New number</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="142"/>
        <source>空欄なら番号から作ります</source>
        <translation>Empty: made from the number</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="144"/>
        <source>コード（表記）(&amp;C)</source>
        <translation>Written &amp;code</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="144"/>
        <source>コード（表記）</source>
        <translation>Written code</translation>
    </message>
</context>
<context>
    <name>NumberingDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="151"/>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="156"/>
        <source>番号の形式</source>
        <translation>Numbering style</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="156"/>
        <source>番号の形式(&amp;S)</source>
        <translation>Numbering &amp;style</translation>
    </message>
</context>
<context>
    <name>ParentDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="166"/>
        <source>移動先を選ぶ</source>
        <translation>Choose where to move</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="173"/>
        <source>移動先(&amp;T)</source>
        <translation>Move &amp;to</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="173"/>
        <source>移動先</source>
        <translation>Move to</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="174"/>
        <source>先頭に置く（外すと末尾）</source>
        <translation>Put first (otherwise last)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="175"/>
        <source>先頭に置く</source>
        <translation>Put first</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="87"/>
        <source>計画の構成</source>
        <translation>Plan structure</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="88"/>
        <source>番号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="88"/>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="88"/>
        <source>担当部署</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="100"/>
        <source>操作の結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="103"/>
        <source>左の構成から項目を選んでください。</source>
        <translation>Choose an item in the structure on the left.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="111"/>
        <source>計画の編集</source>
        <translation>Edit the plan</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="148"/>
        <source>追加(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="149"/>
        <source>選択中と同じ階層に追加（Ctrl+N）</source>
        <translation>Add at the level of the selection (Ctrl+N)</translation>
    </message>
    <message>
        <source>取組を追加</source>
        <translation type="vanished">Add initiative</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="154"/>
        <source>上へ</source>
        <translation>Up</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="154"/>
        <source>上へ移動（Alt+↑）</source>
        <translation>Move up (Alt+↑)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="155"/>
        <source>下へ</source>
        <translation>Down</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="156"/>
        <source>下へ移動（Alt+↓）</source>
        <translation>Move down (Alt+↓)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="157"/>
        <source>移動先…</source>
        <translation>Move to…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="157"/>
        <source>別の親へ移動（Ctrl+M）</source>
        <translation>Move to another parent (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="158"/>
        <source>番号…</source>
        <translation>Number…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="158"/>
        <source>番号を変更（F2）</source>
        <translation>Change the number (F2)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="159"/>
        <source>番号を振り直す</source>
        <translation>Renumber all</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="162"/>
        <source>廃止／復活</source>
        <translation>Retire / restore</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="163"/>
        <source>廃止する（報告は残ります）／復活する（Ctrl+D）</source>
        <translation>Retire (reports are kept) / restore (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="164"/>
        <source>削除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="165"/>
        <source>報告のない項目だけ削除できます（Ctrl+Delete）</source>
        <translation>Only items without reports can be deleted (Ctrl+Delete)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="166"/>
        <source>部署…</source>
        <translation>Departments…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="167"/>
        <source>進捗評価…</source>
        <translation>Evaluation scale…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="168"/>
        <source>今後の方向性…</source>
        <translation>Directions…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="169"/>
        <source>年度見直し…</source>
        <translation>Annual revision…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="170"/>
        <source>階層の名前…</source>
        <translation>Level names…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="171"/>
        <source>各階層の名前（階層の追加・最下層の削除）</source>
        <translation>The name of each level (add a level, remove the lowest)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="179"/>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="207"/>
        <source>この版（{0}）は過去の版のため読み取り専用です。</source>
        <translation>This revision ({0}) is an earlier one and is read only.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="214"/>
        <source>閲覧のみのため編集できません。</source>
        <translation>Read only: editing is not possible.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="255"/>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="343"/>
        <source>（廃止）</source>
        <translation>(retired)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="283"/>
        <source>一覧を最新の内容にしました。入力した内容は残しています。確認のうえ、もう一度保存すると入力した内容で上書きします。</source>
        <translation>The list now shows what is saved. What you typed is still here, unsaved: check it; saving again replaces the saved values with what you typed.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="398"/>
        <source>復活</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="398"/>
        <source>廃止</source>
        <translation>Retire</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="408"/>
        <source>下の階層はありません</source>
        <translation>No level below</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="421"/>
        <source>追加する場所を左の構成で選んでください。</source>
        <translation>Choose where to add in the structure on the left.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="316"/>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="317"/>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="407"/>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="435"/>
        <source>{0}を追加</source>
        <translation>Add {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="151"/>
        <source>最上位の階層に追加</source>
        <translation>Add at the top level</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="152"/>
        <source>下の階層に追加</source>
        <translation>Add at the level below</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="428"/>
        <source>この計画には「{0}」の下の階層がありません（「階層の名前…」で追加できます）。</source>
        <translation>This plan has no level below &quot;{0}&quot; (add one with &quot;Level names…&quot;).</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="491"/>
        <source>{0}はいずれかのグループの下に置きます。</source>
        <translation>{0} always sit under a group.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="500"/>
        <source>移動するものを左の構成で選んでください。</source>
        <translation>Select what to move in the structure on the left.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="506"/>
        <source>（最上位の{0}として）</source>
        <translation>(as a top-level {0})</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="567"/>
        <source>目標を追加</source>
        <translation>Add goal</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="567"/>
        <source>指標を追加</source>
        <translation>Add KPI</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="567"/>
        <source>工程を追加</source>
        <translation>Add step</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="574"/>
        <source>編集する行を選んでください。</source>
        <translation>Choose the row to edit.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="576"/>
        <source>目標の編集</source>
        <translation>Edit goal</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="576"/>
        <source>指標の編集</source>
        <translation>Edit KPI</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="576"/>
        <source>工程の編集</source>
        <translation>Edit step</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="632"/>
        <source>進捗評価の段階</source>
        <translation>Evaluation grades</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="635"/>
        <source>今後の方向性の選択肢</source>
        <translation>Direction choices</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="160"/>
        <source>番号の形式…</source>
        <translation>Numbering style…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/editor.py" line="161"/>
        <source>番号から作るコードの形式（①－１－１、01、1-1-1）</source>
        <translation>How codes are made from numbers (①－１－１, 01, 1-1-1)</translation>
    </message>
</context>
<context>
    <name>PlanFilterProxy</name>
    <message>
        <location filename="../../src/planDesk/gui/plan/filter.py" line="183"/>
        <source>{0}（{1}／{2}件）</source>
        <translation>{0} ({1} of {2})</translation>
    </message>
</context>
<context>
    <name>PlanPartView</name>
    <message>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="68"/>
        <source>概要</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="69"/>
        <source>取組状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="72"/>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="76"/>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="86"/>
        <source>目標</source>
        <translation>Goals</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="75"/>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="76"/>
        <source>指標</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="76"/>
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="76"/>
        <source>目標値</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="77"/>
        <source>指標の一覧</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="82"/>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="85"/>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="86"/>
        <source>工程表</source>
        <translation>Roadmap</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="86"/>
        <source>工程</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/part_view.py" line="86"/>
        <source>期間</source>
        <translation>Period</translation>
    </message>
</context>
<context>
    <name>PlanTreeModel</name>
    <message>
        <location filename="../../src/planDesk/gui/plan/tree_model.py" line="75"/>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/tree_model.py" line="75"/>
        <source>区分</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/tree_model.py" line="75"/>
        <source>担当部署</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/tree_model.py" line="75"/>
        <source>進捗評価</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/tree_model.py" line="76"/>
        <source>報告状況</source>
        <translation>Report status</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/tree_model.py" line="92"/>
        <source>{0}</source>
        <comment>name column: the plan&apos;s level labels</comment>
        <translation>Policy / item / initiative</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/tree_model.py" line="319"/>
        <source>{0}（{1}件）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/tree_model.py" line="324"/>
        <source>{0}
担当：{1}</source>
        <translation>{0}
Departments: {1}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/tree_model.py" line="356"/>
        <source>重点</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/tree_model.py" line="358"/>
        <source>{0}新規</source>
        <translation>New {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan/tree_model.py" line="343"/>
        <source>など</source>
        <translation> etc.</translation>
    </message>
</context>
<context>
    <name>ReportForm</name>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="122"/>
        <source>この保存されなかった入力を破棄</source>
        <translation>Discard this unsaved input</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="133"/>
        <source>実施状況（必須）</source>
        <translation>What was done (required)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="134"/>
        <source>この年度に実施したことを具体的に書いてください。</source>
        <translation>Describe concretely what was done this year.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="136"/>
        <source>指標の実績</source>
        <translation>KPI actuals</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="138"/>
        <source>指標</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="138"/>
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="138"/>
        <source>目標値</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="138"/>
        <source>実績</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="139"/>
        <source>達成率</source>
        <translation>Attainment</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="151"/>
        <source>例：1,234</source>
        <translation>e.g. 1,234</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="161"/>
        <source>達成率：{0}</source>
        <translation>Attainment: {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="169"/>
        <source>（選択してください）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="171"/>
        <source>進捗評価（必須）</source>
        <translation>Evaluation (required)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="172"/>
        <source>課題</source>
        <translation>Issues</translation>
    </message>
    <message>
        <source>取組を進める上での課題があれば書いてください。</source>
        <translation type="vanished">Describe any issues in carrying out the initiative.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="172"/>
        <source>{0}を進める上での課題があれば書いてください。</source>
        <translation>Describe any issues in carrying out the {0}.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="175"/>
        <source>今後の方向性（必須）</source>
        <translation>Direction (required)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="176"/>
        <source>今後の取組</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="177"/>
        <source>次の年度に取り組むことを書いてください。</source>
        <translation>Describe what will be done next year.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="180"/>
        <source>工程の状況</source>
        <translation>Roadmap steps</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="203"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="204"/>
        <source>下書きを今すぐ保存します（Ctrl+S）。入力は数秒ごとに自動でも保存されます。</source>
        <translation>Save the draft now (Ctrl+S). Input is also saved automatically every few seconds.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="205"/>
        <source>提出…</source>
        <translation>Submit…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="206"/>
        <source>確認済みにする…</source>
        <translation>Confirm…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="207"/>
        <source>差戻し…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="209"/>
        <source>提出用ファイルを作成（Excel・PDF）…</source>
        <translation>Create the submission files (Excel, PDF)…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="211"/>
        <source>部署の報告をまとめた Excel ファイル（情報政策課へ送る）と PDF（部署内の決裁用）をドキュメント フォルダに作成します。</source>
        <translation>Writes your department&apos;s reports as an Excel file (to send to the division) and a PDF (for sign-off in your department) into your Documents folder.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="305"/>
        <source>提出しました。次に［提出用ファイルを作成（Excel・PDF）］を押して、できたファイルを情報政策課に送ってください。</source>
        <translation>Submitted. Next, press [Create the submission files (Excel, PDF)] and send the Excel file to the division.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="308"/>
        <source>差戻しされました。理由：{0}</source>
        <translation>Returned. Reason: {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="310"/>
        <source>この報告は{0}のため編集できません。修正が必要なときは情報政策課に差戻しを依頼してください。</source>
        <translation>This report cannot be edited (status: {0}). To correct it, ask the information policy division to return it.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="313"/>
        <source>前回保存されなかった入力を復元しました（{0}）。</source>
        <translation>Input not saved last time has been restored ({0}).</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="318"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; の報告（{1}）</source>
        <translation>Report of &lt;b&gt;{0}&lt;/b&gt; ({1})</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="320"/>
        <source>状態：{0}</source>
        <translation>Status: {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="320"/>
        <source>未作成</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="323"/>
        <source>最終保存：{0}（{1}）</source>
        <translation>Last saved: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="422"/>
        <source>前回保存されなかった入力がありますが、この報告は{0}のため反映できません。必要な部分をコピーしてください：</source>
        <translation>Some input was not saved last time, but this report is now {0} and cannot take it. Copy what you need:</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="462"/>
        <source>数値の誤りを直すまで保存できません（入力内容は保護されています）。</source>
        <translation>Cannot save until the number is corrected (your input is kept safe).</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="512"/>
        <source>他の利用者が先に保存したため、保存を保留しています（入力内容は保護されています）。</source>
        <translation>Someone else saved first; saving is on hold (your input is kept safe).</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="524"/>
        <source>他の利用者の変更を反映</source>
        <translation>Take the other user&apos;s changes</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/form.py" line="551"/>
        <location filename="../../src/planDesk/gui/report/form.py" line="559"/>
        <source>提出の前に入力してください：{0}</source>
        <translation>Fill in before submitting: {0}</translation>
    </message>
</context>
<context>
    <name>RevisionDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="322"/>
        <source>年度見直し（新しい版の作成）</source>
        <translation>Annual revision (create a new revision)</translation>
    </message>
    <message>
        <source>今の版「{0}」を写して新しい版を作り、新しい版を最新にします。
今の版は報告とともに読み取り専用で残ります。新しい版は報告のない状態で始まります。
廃止した取組は新しい版には写しません。</source>
        <translation type="vanished">Copies the current revision “{0}” into a new one, which becomes the current revision.
The current revision stays, read only, with its reports. The new one starts without reports.
Retired initiatives are not copied.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="324"/>
        <source>今の版「{0}」を写して新しい版を作り、新しい版を最新にします。
今の版は報告とともに読み取り専用で残ります。新しい版は報告のない状態で始まります。
廃止した{1}は新しい版には写しません。</source>
        <translation>Copies the current revision “{0}” into a new one, which becomes the current revision.
The current revision stays, read only, with its reports. The new one starts without reports.
Retired items ({1}) are not copied.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="330"/>
        <source>{0}見直し版</source>
        <translation>{0} revision</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="335"/>
        <source>新しい版の名前(&amp;N)</source>
        <translation>&amp;Name of the new revision</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="335"/>
        <source>新しい版の名前</source>
        <translation>Name of the new revision</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="336"/>
        <source>見直しの年度(&amp;Y)</source>
        <translation>Revision &amp;year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="336"/>
        <source>見直しの年度</source>
        <translation>Revision year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="337"/>
        <source>計画期間の終わり(&amp;E)</source>
        <translation>&amp;End of the plan period</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="337"/>
        <source>計画期間の終わり</source>
        <translation>End of the plan period</translation>
    </message>
</context>
<context>
    <name>RoadmapView</name>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="83"/>
        <source>表示単位：</source>
        <translation>Scale: </translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="84"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="84"/>
        <source>四半期</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="84"/>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="95"/>
        <source>すべて開く</source>
        <translation>Expand all</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="109"/>
        <source>色分け：</source>
        <translation>Colours: </translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="118"/>
        <source>印刷・PDF の用紙（横向き）</source>
        <translation>Paper for printing and PDF (landscape)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="120"/>
        <source>印刷…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="121"/>
        <source>PDF 出力…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="122"/>
        <source>画像出力…</source>
        <translation>Export image…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="250"/>
        <source>絞り込み：{0} {1} 件</source>
        <translation>Filtered: {1} {0}</translation>
    </message>
    <message>
        <source>絞り込み：取組 {0} 件</source>
        <translation type="vanished">Filtered: {0} initiatives</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="272"/>
        <source>工程表を PDF に出力</source>
        <translation>Export the roadmap as PDF</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="272"/>
        <source>工程表.pdf</source>
        <translation>roadmap.pdf</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="273"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="278"/>
        <source>工程表を画像に出力</source>
        <translation>Export the roadmap as an image</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="278"/>
        <source>工程表.png</source>
        <translation>roadmap.png</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="279"/>
        <source>PNG 画像 (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="297"/>
        <source>表示を絞り込む（一覧の条件・{0}で折りたたむ）か、PDF 出力を使ってください。</source>
        <translation>Show less (filter the list, or collapse to {0}), or export a PDF instead.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="301"/>
        <source>工程表</source>
        <translation>Roadmap</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="328"/>
        <source>{0}の報告</source>
        <translation>Reports of {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="329"/>
        <source>色分けなし</source>
        <translation>No colours</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="308"/>
        <location filename="../../src/planDesk/gui/roadmap/view.py" line="312"/>
        <source>{0}で折りたたむ</source>
        <translation>Collapse to {0}</translation>
    </message>
</context>
<context>
    <name>ScaleDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="46"/>
        <source>記号</source>
        <translation>Mark</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="46"/>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="46"/>
        <source>選択肢</source>
        <translation>Choice</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="57"/>
        <source>追加(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="57"/>
        <source>削除(&amp;D)</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="58"/>
        <source>上へ(&amp;U)</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="59"/>
        <source>下へ(&amp;W)</source>
        <translation>Move do&amp;wn</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="64"/>
        <source>削除した選択肢を使っている報告の置き換え先</source>
        <translation>Replacement for reports using a deleted choice</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="68"/>
        <source>記号や名称を変えると、それを使っている報告の値も合わせて変わります。
報告で使われている選択肢を削除するときは、置き換え先を選びます。</source>
        <translation>Changing a mark or name changes the reports that use it too.
When deleting a choice that reports use, choose its replacement.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="110"/>
        <source>「{0}」の置き換え先</source>
        <translation>Replacement for “{0}”</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/lists.py" line="112"/>
        <source>「{0}」（報告 {1} 件）→</source>
        <translation>“{0}” ({1} reports) →</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="272"/>
        <source>期間は推定（元の資料に矢印がない）</source>
        <translation>Period inferred (the source document has no arrows)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="284"/>
        <source>工程の内容(&amp;L)</source>
        <translation>Step &amp;label</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="284"/>
        <source>工程の内容</source>
        <translation>Step label</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="285"/>
        <source>開始年度(&amp;S)</source>
        <translation>&amp;Start year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="285"/>
        <source>開始年度</source>
        <translation>Start year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="286"/>
        <source>開始の四半期(&amp;Q)</source>
        <translation>Start &amp;quarter</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="286"/>
        <source>開始の四半期</source>
        <translation>Start quarter</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="287"/>
        <source>終了年度(&amp;E)</source>
        <translation>&amp;End year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="287"/>
        <source>終了年度</source>
        <translation>End year</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="288"/>
        <source>終了の四半期(&amp;R)</source>
        <translation>End qua&amp;rter</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="288"/>
        <source>終了の四半期</source>
        <translation>End quarter</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="289"/>
        <source>種類(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="289"/>
        <source>工程の種類</source>
        <translation>Kind of step</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="290"/>
        <source>期間は推定</source>
        <translation>Period inferred</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="291"/>
        <source>関連する目標(&amp;G)</source>
        <translation>Related &amp;goal</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="291"/>
        <source>関連する目標</source>
        <translation>Related goal</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="296"/>
        <source>指定なし（年度全体）</source>
        <translation>None (whole year)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/dialogs.py" line="298"/>
        <source>第{0}四半期（{1}）</source>
        <translation>Q{0} ({1})</translation>
    </message>
</context>
<context>
    <name>TitlePane</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="70"/>
        <source>スローガン</source>
        <translation>Slogan</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="76"/>
        <source>スローガン(&amp;G)</source>
        <translation>Slo&amp;gan</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="105"/>
        <source>計画書でこの{0}の上に掲げる標語（実績報告書に印刷されます）。改行はそのまま印刷されます</source>
        <translation>The catch phrase the plan prints above this {0} (printed in the results report). Line breaks are printed as typed</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="67"/>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="71"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_edit/pane.py" line="73"/>
        <source>名称(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
</context>
<context>
    <name>TrackerModel</name>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="65"/>
        <source>部署</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="65"/>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="65"/>
        <source>報告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>提出済／担当取組</source>
        <translation type="vanished">Submitted / assigned</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="65"/>
        <source>提出済／担当{0}</source>
        <translation>Submitted / assigned {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="66"/>
        <source>提出日</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="67"/>
        <source>取込日</source>
        <translation>Merged</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="67"/>
        <source>差戻し日</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="67"/>
        <source>取り込んだファイル</source>
        <translation>Merged file</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="67"/>
        <source>記入者</source>
        <translation>Filled in by</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="68"/>
        <source>未解決の競合</source>
        <translation>Open conflicts</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="68"/>
        <source>備考</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="113"/>
        <source>（全部署等 {0} / {1}）</source>
        <translation>(all-department items {0} / {1})</translation>
    </message>
</context>
<context>
    <name>TrackerView</name>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="134"/>
        <source>提出状況の一覧</source>
        <translation>Submission tracker</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="138"/>
        <source>このサイクルの受付を開始(&amp;O)</source>
        <translation>&amp;Open this cycle for submissions</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="139"/>
        <source>受付中は、ほかの報告サイクルの提出ブックを取り込みません。</source>
        <translation>While a cycle is open, workbooks of other cycles are not merged.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="140"/>
        <source>更新(&amp;U)</source>
        <translation>&amp;Update</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="141"/>
        <source>差戻し(&amp;R)…</source>
        <translation>&amp;Return…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="142"/>
        <source>Excel に出力(&amp;E)…</source>
        <translation>&amp;Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="144"/>
        <source>報告サイクル(&amp;C)</source>
        <translation>Reporting &amp;cycle</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="187"/>
        <source>受付中：{0}</source>
        <translation>Collecting: {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="187"/>
        <source>受付中のサイクルなし</source>
        <translation>No cycle being collected</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="217"/>
        <source>差戻し</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="217"/>
        <source>「{0}」の提出を差し戻す理由：</source>
        <translation>Why the submission of {0} is returned:</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="230"/>
        <source>提出状況を Excel に出力</source>
        <translation>Export the tracker to Excel</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/tracker_view.py" line="231"/>
        <source>Excel ブック (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <location filename="../../src/planDesk/gui/report/actions.py" line="16"/>
        <source>提出</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/actions.py" line="17"/>
        <source>次の報告を提出します。よろしいですか。</source>
        <translation>Submit this report?</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/actions.py" line="19"/>
        <source>提出すると、差戻しされるまで部署では編集できません。
提出のあと、情報政策課に送る提出用ファイル（Excel・PDF）を作成できます。</source>
        <translation>Once submitted, your department cannot edit it unless the division returns it.
After submitting you can create the submission files (Excel, PDF) to send to the division.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/actions.py" line="27"/>
        <source>確認</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/actions.py" line="28"/>
        <source>{0} を確認済みにします。よろしいですか。</source>
        <translation>Mark {0} as confirmed?</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/actions.py" line="35"/>
        <source>差戻し</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/actions.py" line="37"/>
        <source>{0} を下書きに戻します。部署に伝える理由を入力してください（必須）。</source>
        <translation>Return {0} to draft. Enter the reason for the department (required).</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/actions.py" line="41"/>
        <source>差戻しの理由</source>
        <translation>Reason for returning</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/actions.py" line="53"/>
        <source>差戻しの理由を入力してください。</source>
        <translation>Enter the reason for returning.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../src/planDesk/gui/app.py" line="99"/>
        <source>データベースを開けませんでした。</source>
        <translation>The database could not be opened.</translation>
    </message>
</context>
<context>
    <name>conflict</name>
    <message>
        <location filename="../../src/planDesk/gui/report/conflict_dialog.py" line="22"/>
        <source>同じ報告が先に保存されています</source>
        <translation>The same report was saved first by someone else</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/conflict_dialog.py" line="23"/>
        <source>この報告は {0} が先に保存しました。次の項目があなたの入力と違います。</source>
        <translation>{0} saved this report first. These fields differ from your input.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/conflict_dialog.py" line="24"/>
        <source>他の利用者</source>
        <translation>another user</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/conflict_dialog.py" line="25"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/conflict_dialog.py" line="26"/>
        <source>【{0}】
  あなた：{1}
  保存済み：{2}</source>
        <translation>[{0}]
  You: {1}
  Saved: {2}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/conflict_dialog.py" line="28"/>
        <source>どちらを残しますか。相手の内容を採用しても、あなたの入力は［元に戻す］（Ctrl+Z）で戻せます。</source>
        <translation>Which should be kept? If you take the saved text, Undo (Ctrl+Z) brings yours back.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/conflict_dialog.py" line="30"/>
        <source>自分の入力を残す</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/conflict_dialog.py" line="31"/>
        <source>保存済みの内容を採用</source>
        <translation>Take the saved text</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/conflict_dialog.py" line="32"/>
        <source>後で決める</source>
        <translation>Decide later</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../src/planDesk/gui/error_handling.py" line="51"/>
        <source>planDesk</source>
        <translation>planDesk</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/error_handling.py" line="98"/>
        <source>予期しないエラー</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/error_handling.py" line="99"/>
        <source>予期しないエラーが発生しました。作業中の操作は完了していない可能性があります。</source>
        <translation>An unexpected error occurred. The last operation may not have completed.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/error_handling.py" line="101"/>
        <source>入力中の内容は下書きとして保護しました。</source>
        <translation>Your input has been kept safe as a draft.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/error_handling.py" line="102"/>
        <source>入力中の内容を保護できなかった可能性があります。</source>
        <translation>Your input may not have been kept safe.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/error_handling.py" line="103"/>
        <source>詳しい記録はログファイルにあります：
{0}</source>
        <translation>Details are in the log file:
{0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/error_handling.py" line="104"/>
        <source>ログファイルを書き込めませんでした。</source>
        <translation>The log file could not be written.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/error_handling.py" line="105"/>
        <source>問題が続くときは、ログファイルを添えて情報政策課に連絡してください。</source>
        <translation>If this keeps happening, send the log file to the information policy division.</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="56"/>
        <source>提出用ファイルを作成（Excel・PDF）(&amp;S)…</source>
        <translation>Create &amp;submission files (Excel, PDF)…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="57"/>
        <source>工程表（PDF・画像）(&amp;R)…</source>
        <translation>&amp;Roadmap (PDF, image)…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="58"/>
        <source>計画の冊子（PDF）(&amp;B)…</source>
        <translation>Plan &amp;booklet (PDF)…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="59"/>
        <source>進捗状況一覧（Excel・PDF）(&amp;P)…</source>
        <translation>&amp;Progress table (Excel, PDF)…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="60"/>
        <source>会議用の概要（PDF）(&amp;M)…</source>
        <translation>&amp;Meeting summary (PDF)…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="61"/>
        <source>実績報告書（PDF）(&amp;J)…</source>
        <translation>Annual res&amp;ults report (PDF)…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="62"/>
        <source>提出状況一覧（Excel）(&amp;T)…</source>
        <translation>Submission &amp;tracker (Excel)…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="63"/>
        <source>計画ブック（配布用・取込様式）(&amp;W)…</source>
        <translation>Plan &amp;workbook (hand-out, import template)…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="70"/>
        <source>部署の提出用ファイル（Excel・PDF）(&amp;S)…</source>
        <translation>A department&apos;s &amp;submission files (Excel, PDF)…</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="96"/>
        <source>（出力できる帳票がありません）</source>
        <translation>(no outputs available)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="110"/>
        <source>進捗報告</source>
        <translation>進捗報告</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="116"/>
        <source>Excel ブック (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="117"/>
        <source>PNG 画像 (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="135"/>
        <source>フォルダを開く(&amp;O)</source>
        <translation>&amp;Open the folder</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="141"/>
        <source>フォルダを開けませんでした。場所：{0}</source>
        <translation>The folder could not be opened. It is: {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="174"/>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="180"/>
        <source>出力を中止しました。ファイルは作成していません。</source>
        <translation>Export cancelled. No file was written.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="229"/>
        <source>提出用ファイルを作成しました。</source>
        <translation>The submission files are ready.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="230"/>
        <source>保存先：{0}
{1}

Excel ファイル（.xlsx）を、メールまたは共有フォルダで情報政策課に送ってください。このファイルを Excel で開いて直接入力しても取り込めます。
PDF は部署内の決裁（担当・係長・課長）に使ってください。</source>
        <translation>Saved in: {0}
{1}

Send the Excel file (.xlsx) to the division by mail or through the shared folder. It can also be filled in directly in Excel.
Use the PDF for sign-off in your department.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="236"/>
        <source>提出用ファイルを作成しました：{0}</source>
        <translation>Submission files created in {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="237"/>
        <source>提出用ファイル</source>
        <translation>Submission files</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="239"/>
        <source>提出用ファイルを作成しています</source>
        <translation>Writing the submission files</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="257"/>
        <source>どの部署の提出用ファイルを作成しますか。</source>
        <translation>For which department?</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="277"/>
        <source>{0} を開きました（保存先：{1}）</source>
        <translation>Opened {0} (saved in {1})</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="280"/>
        <source>ファイルを出力しました。</source>
        <translation>The file is written.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="281"/>
        <source>保存先：{0}
このファイルを開くプログラムが見つからないため、開いていません。</source>
        <translation>Saved as: {0}
No program to open it was found, so it was not opened.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/window/export_menu.py" line="284"/>
        <source>{0}を出力しています</source>
        <translation>Exporting {0}</translation>
    </message>
</context>
<context>
    <name>file_dialogs</name>
    <message>
        <location filename="../../src/planDesk/gui/widgets/file_dialogs.py" line="40"/>
        <source>場所(&amp;L):</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/widgets/file_dialogs.py" line="41"/>
        <source>ファイルの種類(&amp;T):</source>
        <translation>Files of &amp;type:</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../src/planDesk/gui/labels.py" line="17"/>
        <source>未作成</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/labels.py" line="18"/>
        <source>下書き</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/labels.py" line="19"/>
        <source>提出済</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/labels.py" line="20"/>
        <source>確認済</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/labels.py" line="28"/>
        <source>未着手</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/labels.py" line="29"/>
        <source>実施中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/labels.py" line="30"/>
        <source>完了</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/labels.py" line="31"/>
        <source>遅れ</source>
        <translation>Delayed</translation>
    </message>
</context>
<context>
    <name>merge</name>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_messages.py" line="32"/>
        <source>・{0}（{1}）：変更 {2} 件</source>
        <translation>• {0} ({1}): {2} changes</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_messages.py" line="34"/>
        <source>、競合 {0} 件（取込後に［競合］で選びます）</source>
        <translation>, {0} conflicts (choose on the Conflicts tab after merging)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_messages.py" line="36"/>
        <location filename="../../src/planDesk/gui/division/merge_messages.py" line="71"/>
        <source>提出物の取込</source>
        <translation>Merge submissions</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_messages.py" line="37"/>
        <source>{0} 件のファイルを取り込みます。よろしいですか。</source>
        <translation>Merge {0} file(s)?</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_messages.py" line="39"/>
        <source>取り込む前にデータベースのバックアップを作ります。取込は［履歴］からいつでも取り消せます。</source>
        <translation>The database is backed up first. A merge can be undone on the History tab at any time.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_messages.py" line="54"/>
        <source>・{0}（{1}）：{2} 件を反映</source>
        <translation>• {0} ({1}): {2} changes applied</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_messages.py" line="56"/>
        <source>・{0}：取り込んでいません（{1}）</source>
        <translation>• {0}: not merged ({1})</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_messages.py" line="59"/>
        <source>競合が {0} 件あります。［競合］タブでどちらの値を残すか選んでください。</source>
        <translation>{0} conflicts: choose which value to keep on the Conflicts tab.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_messages.py" line="61"/>
        <source>取り消すときは［履歴］タブで取込を選び、［この取込を取り消す］を押します。</source>
        <translation>To undo, select the merge on the History tab and press Undo this merge.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_messages.py" line="62"/>
        <source>{0} 件のファイルを取り込みました。</source>
        <translation>{0} file(s) merged.</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/division/merge_messages.py" line="63"/>
        <source>取り込めたファイルはありません。</source>
        <translation>No file could be merged.</translation>
    </message>
</context>
<context>
    <name>plan_text</name>
    <message>
        <location filename="../../src/planDesk/gui/plan_text.py" line="26"/>
        <source>（{0}現在）</source>
        <translation> (as of {0})</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_text.py" line="56"/>
        <source>{0}月</source>
        <translation> month {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_text.py" line="58"/>
        <source>第{0}四半期</source>
        <translation> Q{0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_text.py" line="67"/>
        <source>（継続）</source>
        <translation> (continuing)</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/plan_text.py" line="69"/>
        <source>（節目）</source>
        <translation> (milestone)</translation>
    </message>
</context>
<context>
    <name>report</name>
    <message>
        <location filename="../../src/planDesk/gui/report/values.py" line="62"/>
        <source>実施状況</source>
        <translation>What was done</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/values.py" line="63"/>
        <source>進捗評価</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/values.py" line="64"/>
        <source>課題</source>
        <translation>Issues</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/values.py" line="65"/>
        <source>今後の方向性</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/values.py" line="66"/>
        <source>今後の取組</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/values.py" line="74"/>
        <source>実績：{0}</source>
        <translation>Actual: {0}</translation>
    </message>
    <message>
        <location filename="../../src/planDesk/gui/report/values.py" line="77"/>
        <source>工程の状況：{0}</source>
        <translation>Step state: {0}</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_HK" sourcelanguage="en">
<context>
    <name>ActionBar</name>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="60"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="61"/>
        <source>Edit</source>
        <translation>編輯</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="62"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="63"/>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="64"/>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="65"/>
        <location filename="../../app/ui/chat/transcript/actions.py" line="139"/>
        <source>Previous version</source>
        <translation>上一個版本</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="66"/>
        <location filename="../../app/ui/chat/transcript/actions.py" line="139"/>
        <source>Next version</source>
        <translation>下一個版本</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="136"/>
        <source>Copy the whole message</source>
        <translation>複製整則訊息</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="136"/>
        <source>Edit and send again</source>
        <translation>編輯後再送出</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="137"/>
        <source>Answer this again</source>
        <translation>重新回答</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="137"/>
        <source>Try this answer again</source>
        <translation>再試一次這個回答</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="138"/>
        <location filename="../../app/ui/chat/transcript/actions.py" line="203"/>
        <source>Delete this message and the replies below it</source>
        <translation>刪除這則訊息及其下的回覆</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="158"/>
        <source>Version %1 of %2</source>
        <translation>第 %1 個版本，共 %2 個</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="192"/>
        <source>Delete?</source>
        <translation>刪除？</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="193"/>
        <source>Click again to delete</source>
        <translation>再按一次以刪除</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/more_menu.py" line="28"/>
        <source>Copy for Word</source>
        <translation>複製到 Word</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/more_menu.py" line="29"/>
        <source>Save as…</source>
        <translation>另存為…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/more_menu.py" line="30"/>
        <source>More</source>
        <translation>更多</translation>
    </message>
</context>
<context>
    <name>AnswerExporter</name>
    <message>
        <location filename="../../app/ui/export/answer.py" line="55"/>
        <source>Copied for Word</source>
        <translation>已複製，可貼到 Word</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/answer.py" line="65"/>
        <source>%1 answer</source>
        <translation>%1 回答</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/answer.py" line="66"/>
        <source>Conversation</source>
        <translation>對話</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/answer.py" line="68"/>
        <source>Save answer</source>
        <translation>儲存回答</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/answer.py" line="74"/>
        <source>Saving…</source>
        <translation>正在儲存…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/answer.py" line="77"/>
        <source>Saved to %1</source>
        <translation>已儲存到 %1</translation>
    </message>
</context>
<context>
    <name>AnswerFlow</name>
    <message numerus="yes">
        <location filename="../../app/ui/chat/answering.py" line="105"/>
        <source>Making %n image(s)…</source>
        <translation>
            <numerusform>正在製作 %n 張圖片…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/answering.py" line="146"/>
        <source>Answer stopped. What arrived is kept.</source>
        <translation>回答已停止，已收到的內容會保留。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message numerus="yes">
        <location filename="../../app/ui/wiring.py" line="145"/>
        <source>%n answer(s) were interrupted last time; open the chat to retry.</source>
        <translation>
            <numerusform>上次有 %n 個回答被中斷；打開對話即可重試。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/wiring.py" line="225"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../app/ui/wiring.py" line="226"/>
        <source>Quick ask</source>
        <translation>快速提問</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_actions.py" line="39"/>
        <source>Using the key from the PARLEY_API_KEY environment variable.</source>
        <translation>正在使用環境變數 PARLEY_API_KEY 中的金鑰。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_actions.py" line="41"/>
        <source>A key is saved in the keyring (%1).</source>
        <translation>金鑰已儲存在系統鑰匙圈（%1）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_actions.py" line="43"/>
        <source>A key is kept for this session only.</source>
        <translation>金鑰只在本次使用期間保留。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_actions.py" line="44"/>
        <source>No key saved for this profile yet.</source>
        <translation>此設定檔尚未儲存金鑰。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_actions.py" line="47"/>
        <source>The system keyring is not secure (%1): keys are kept for this session only, never written to disk.</source>
        <translation>系統鑰匙圈並不安全（%1）：金鑰只在本次使用期間保留，絕不寫入磁碟。</translation>
    </message>
    <message>
        <location filename="../../app/ui/wiring.py" line="258"/>
        <source>Enter or save a key first.</source>
        <translation>請先輸入或儲存金鑰。</translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message>
        <location filename="../../app/ui/images/attachment_strip.py" line="44"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/attachment_strip.py" line="45"/>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/attachment_strip.py" line="49"/>
        <source>Preparing…</source>
        <translation>準備中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/attachment_strip.py" line="61"/>
        <source>Image %1</source>
        <translation>圖片 %1</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <location filename="../../app/ui/images/attachment_strip.py" line="80"/>
        <source>Attachments to send</source>
        <translation>要傳送的附件</translation>
    </message>
</context>
<context>
    <name>BalanceMonitor</name>
    <message>
        <location filename="../../app/ui/window/balance.py" line="22"/>
        <source>quota</source>
        <translation>配額</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="23"/>
        <source>limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="24"/>
        <source>used</source>
        <translation>已用</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="25"/>
        <source>usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="26"/>
        <source>total usage</source>
        <translation>總用量</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="27"/>
        <source>remaining</source>
        <translation>剩餘</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="28"/>
        <source>remaining balance</source>
        <translation>剩餘餘額</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="29"/>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="30"/>
        <source>total available</source>
        <translation>總可用</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="31"/>
        <source>credit</source>
        <translation>點數</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="32"/>
        <source>credits</source>
        <translation>點數</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="33"/>
        <source>spent</source>
        <translation>已花費</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="34"/>
        <source>expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="35"/>
        <source>expires at</source>
        <translation>到期時間</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="75"/>
        <source>Balance: unavailable</source>
        <translation>餘額：無法取得</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="79"/>
        <source>Balance: %1</source>
        <translation>餘額：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/balance.py" line="80"/>
        <source>Click to refresh</source>
        <translation>按一下重新整理</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message numerus="yes">
        <location filename="../../app/ui/chat/controller.py" line="185"/>
        <source>Show %n earlier message(s)</source>
        <translation>
            <numerusform>顯示之前的 %n 則訊息</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/controller.py" line="225"/>
        <source>Add your API key in Settings to start.</source>
        <translation>請先在設定中加入你的 API 金鑰。</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/outgoing.py" line="35"/>
        <source>Image: %1</source>
        <translation>圖片：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/outgoing.py" line="73"/>
        <source>“%1” is not known to read images: it may ignore or refuse them. Press Send again to send anyway, or pick a vision model (e.g. gpt-4o) in the header.</source>
        <translation>未知「%1」能否讀取圖片：它可能會忽略或拒絕圖片。再按「傳送」仍然傳送，或在頂部選擇支援圖像的模型（例如 gpt-4o）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/outgoing.py" line="34"/>
        <source>Attached: %1</source>
        <translation>附件：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/controller.py" line="276"/>
        <source>Code copied</source>
        <translation>已複製程式碼</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/controller.py" line="298"/>
        <source>Message copied</source>
        <translation>已複製訊息</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/controller.py" line="334"/>
        <source>Message deleted</source>
        <translation>訊息已刪除</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/controller.py" line="351"/>
        <source>Answer copied</source>
        <translation>已複製回答</translation>
    </message>
</context>
<context>
    <name>ChoosePages</name>
    <message>
        <location filename="../../app/ui/documents/pages_dialog.py" line="41"/>
        <source>Choose pages of %1</source>
        <translation>選擇 %1 的頁數</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/pages_dialog.py" line="44"/>
        <source>Which pages of %1 (1–%2) should be sent? For example 1-5, 8, 12-</source>
        <translation>要傳送 %1 的哪些頁（1–%2）？例如 1-5, 8, 12-</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/pages_dialog.py" line="50"/>
        <source>Pages to send</source>
        <translation>要傳送的頁數</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/pages_dialog.py" line="81"/>
        <source>This still does not fit: Send stays held</source>
        <translation>仍然超出上限：暫時未能傳送</translation>
    </message>
</context>
<context>
    <name>CodeRow</name>
    <message>
        <location filename="../../app/ui/chat/transcript/rows.py" line="149"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/rows.py" line="150"/>
        <source>Copy code</source>
        <translation>複製程式碼</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/rows.py" line="151"/>
        <source>Copy this code</source>
        <translation>複製這段程式碼</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/rows.py" line="156"/>
        <source>Scroll the code sideways</source>
        <translation>左右捲動程式碼</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/rows.py" line="165"/>
        <location filename="../../app/ui/chat/transcript/rows.py" line="166"/>
        <source>code</source>
        <translation>程式碼</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/rows.py" line="166"/>
        <source>Code: %1</source>
        <translation>程式碼：%1</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="137"/>
        <source>Ask anything… (Enter to send, Shift+Enter for a new line)</source>
        <translation>想問甚麼都可以…（Enter 送出，Shift+Enter 換行）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="139"/>
        <source>Message</source>
        <translation>訊息</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="140"/>
        <location filename="../../app/ui/chat/composer.py" line="366"/>
        <source>Send</source>
        <translation>送出</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="142"/>
        <source>Send message</source>
        <translation>送出訊息</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="145"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="147"/>
        <source>Stop the answer</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="148"/>
        <source>Stop (Esc)</source>
        <translation>停止（Esc）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="151"/>
        <location filename="../../app/ui/chat/composer.py" line="152"/>
        <location filename="../../app/ui/chat/composer.py" line="333"/>
        <source>Attach files</source>
        <translation>附加檔案</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="155"/>
        <source>Documents or images; you can also drop or paste them</source>
        <translation>文件或圖片；亦可拖放或貼上</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="157"/>
        <source>Make an image instead of an answer (or start a message with /imagine)</source>
        <translation>製作圖片而非回答（或以 /imagine 開始訊息）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="159"/>
        <source>Image mode</source>
        <translation>圖片模式</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="206"/>
        <source>Square (1024×1024)</source>
        <translation>正方形（1024×1024）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="207"/>
        <source>Wide (1792×1024)</source>
        <translation>橫向（1792×1024）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="208"/>
        <source>Tall (1024×1792)</source>
        <translation>直向（1024×1792）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="209"/>
        <source>Image size</source>
        <translation>圖片尺寸</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="211"/>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="212"/>
        <source>HD</source>
        <translation>高清</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="213"/>
        <source>Image quality</source>
        <translation>圖片質素</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="216"/>
        <source>Number of images</source>
        <translation>圖片數量</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="219"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="220"/>
        <source>Quality</source>
        <translation>質素</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="221"/>
        <source>Images</source>
        <translation>數量</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="236"/>
        <source>Editing your question</source>
        <translation>正在編輯你的問題</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="241"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="243"/>
        <source>Cancel editing (Esc): your draft comes back</source>
        <translation>取消編輯（Esc）：你的草稿會回來</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="244"/>
        <source>Cancel editing</source>
        <translation>取消編輯</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="295"/>
        <source>Describe the image to make… (Enter to make it)</source>
        <translation>描述要製作的圖片…（按 Enter 製作）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="336"/>
        <source>Images and documents (%1)</source>
        <translation>圖片及文件 (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="337"/>
        <source>All files (*)</source>
        <translation>所有檔案 (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="366"/>
        <source>Make</source>
        <translation>製作</translation>
    </message>
</context>
<context>
    <name>ConversationExporter</name>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="140"/>
        <source>Nothing to export yet: ask something first.</source>
        <translation>尚未有可匯出的內容：請先提問。</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="143"/>
        <source>Export conversation</source>
        <translation>匯出對話</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="57"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="58"/>
        <source>Word (*.docx)</source>
        <translation>Word (*.docx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="59"/>
        <source>Web page (*.html)</source>
        <translation>網頁 (*.html)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="60"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="94"/>
        <source>The disk is full: %1 was not saved.</source>
        <translation>磁碟已滿：%1 未能儲存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="96"/>
        <source>Free some space, or save it somewhere else.</source>
        <translation>請騰出一些空間，或儲存到其他地方。</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="99"/>
        <source>Parley may not write there (permission denied): %1 was not saved.</source>
        <translation>Parley 無權寫入該處（權限被拒）：%1 未能儲存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="102"/>
        <source>Save it in another folder, such as Documents.</source>
        <translation>請儲存到其他資料夾，例如「文件」。</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="105"/>
        <source>%1 could not be written.</source>
        <translation>無法寫入 %1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="107"/>
        <source>Check that the folder exists, or save it somewhere else.</source>
        <translation>請檢查資料夾是否存在，或儲存到其他地方。</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="144"/>
        <source>Conversation</source>
        <translation>對話</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="151"/>
        <source>Exporting…</source>
        <translation>正在匯出…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export/exporter.py" line="154"/>
        <source>Exported to %1</source>
        <translation>已匯出至 %1</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../../app/ui/sidebar/conversation_list.py" line="117"/>
        <source>New chat</source>
        <translation>新對話</translation>
    </message>
</context>
<context>
    <name>DocView</name>
    <message>
        <location filename="../../app/ui/chat/transcript/docview.py" line="214"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/docview.py" line="216"/>
        <source>Select all</source>
        <translation>全選</translation>
    </message>
</context>
<context>
    <name>DocumentChip</name>
    <message>
        <location filename="../../app/ui/documents/chip.py" line="101"/>
        <source>Choose pages…</source>
        <translation>選擇頁數…</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/chip.py" line="104"/>
        <source>Choose pages of %1</source>
        <translation>選擇 %1 的頁數</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/chip.py" line="106"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/chip.py" line="107"/>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/chip.py" line="115"/>
        <location filename="../../app/ui/documents/chip.py" line="142"/>
        <source>Reading…</source>
        <translation>讀取中…</translation>
    </message>
</context>
<context>
    <name>DocumentChips</name>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="79"/>
        <source>With the conversation so far (about %5 tokens), this message and its attachments are about %1 tokens: more than %2 takes (%3, less %4 kept for the answer). Choose pages, remove a file, or start a new chat to send.</source>
        <translation>連同目前的對話（約 %5 個 token），這則訊息連附件約有 %1 個 token，超出 %2 可處理的上限（%3，其中 %4 留給回答）。請選擇頁數、移除檔案，或開始新對話後再傳送。</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="84"/>
        <source>The message and its attachments are about %1 tokens: more than %2 takes (%3, less %4 kept for the answer). Choose pages or remove a file to send.</source>
        <translation>訊息連附件約有 %1 個 token，超出 %2 可處理的上限（%3，其中 %4 留給回答）。請選擇頁數或移除檔案後再傳送。</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="99"/>
        <source>1 slide</source>
        <translation>1 張投影片</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="100"/>
        <source>1 sheet</source>
        <translation>1 個工作表</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="101"/>
        <source>1 part</source>
        <translation>1 個部分</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="102"/>
        <source>1 page</source>
        <translation>1 頁</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="103"/>
        <source>%1 slides</source>
        <translation>%1 張投影片</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="104"/>
        <source>%1 sheets</source>
        <translation>%1 個工作表</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="105"/>
        <source>%1 parts</source>
        <translation>%1 個部分</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="106"/>
        <source>%1 pages</source>
        <translation>%1 頁</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="114"/>
        <source>%1 of %2</source>
        <translation>%1（共 %2）</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="116"/>
        <source>%1 · ~%2 tokens</source>
        <translation>%1 · 約 %2 個 token</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="134"/>
        <source>slides %1 as images</source>
        <translation>第 %1 張投影片以圖片傳送</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="135"/>
        <source>sheets %1 as images</source>
        <translation>第 %1 個工作表以圖片傳送</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="136"/>
        <source>pages %1 as images</source>
        <translation>第 %1 頁以圖片傳送</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="149"/>
        <source>Too much after this conversation (about %1 tokens)</source>
        <translation>加上目前的對話（約 %1 個 token）便超出上限</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="152"/>
        <source>More than %1 takes (%2)</source>
        <translation>超出 %1 的上限（%2）</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/limits.py" line="158"/>
        <source>~%1 tokens — more than %2 takes (%3)</source>
        <translation>約 %1 個 token — 超出 %2 的上限（%3）</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../app/ui/chat/transcript/empty.py" line="92"/>
        <source>New chat</source>
        <translation>新對話</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/empty.py" line="100"/>
        <source>What can I help with?</source>
        <translation>有甚麼可以幫你？</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/empty.py" line="103"/>
        <source>Ask anything — answers come with maths and code. Attach a photo of handwritten work, lecture PDFs or slides, and export any chat to Word or PDF.</source>
        <translation>甚麼都可以問 — 回答會附上數學式和程式碼。可以附上手寫功課的相片、講義 PDF 或投影片，任何對話都可以匯出成 Word 或 PDF。</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/empty.py" line="109"/>
        <source>Explain the chain rule with a worked example</source>
        <translation>用一個例子逐步解釋連鎖法則</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/empty.py" line="110"/>
        <source>Check my handwritten working step by step</source>
        <translation>逐步檢查我手寫的計算過程</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/empty.py" line="111"/>
        <source>Turn these lecture slides into revision notes</source>
        <translation>把這份講義投影片整理成溫習筆記</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/empty.py" line="112"/>
        <source>Help me plan a 1,500-word essay on climate policy</source>
        <translation>幫我規劃一篇 1,500 字關於氣候政策的文章</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/empty.py" line="152"/>
        <source>Quick ask: press %1 in any app to ask about what you copied.</source>
        <translation>快速提問：在任何程式按 %1，就可以問你剛複製的內容。</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/empty.py" line="155"/>
        <source>Quick ask: set a shortcut in Settings → Quick ask to ask about what you copied, from any app.</source>
        <translation>快速提問：在「設定 → 快速提問」設定快捷鍵，就可以在任何程式問你複製的內容。</translation>
    </message>
</context>
<context>
    <name>ErrorCard</name>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="250"/>
        <location filename="../../app/ui/chat/transcript/actions.py" line="251"/>
        <source>Details</source>
        <translation>詳情</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="264"/>
        <location filename="../../app/ui/chat/transcript/actions.py" line="265"/>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
</context>
<context>
    <name>Failures</name>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="64"/>
        <source>Details are in %1.</source>
        <translation>詳情記錄在 %1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="85"/>
        <source>Your key was refused</source>
        <translation>你的金鑰被拒絕</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="87"/>
        <source>The gateway is busy</source>
        <translation>閘道正忙</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="89"/>
        <source>Blocked by the content filter</source>
        <translation>被內容過濾器阻擋</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="91"/>
        <source>The gateway is having trouble</source>
        <translation>閘道出現問題</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="93"/>
        <source>The gateway address is not right</source>
        <translation>閘道地址不正確</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="95"/>
        <source>The gateway did not accept the request</source>
        <translation>閘道不接受這個請求</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="97"/>
        <source>The gateway sent something unexpected</source>
        <translation>閘道傳回了意料之外的內容</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="99"/>
        <source>The gateway did not answer in time</source>
        <translation>閘道未有及時回應</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="101"/>
        <source>No connection to the gateway</source>
        <translation>無法連接閘道</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="103"/>
        <source>The keyring cannot be used</source>
        <translation>無法使用金鑰圈</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="105"/>
        <source>A setting needs attention</source>
        <translation>有設定需要處理</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="107"/>
        <source>The history could not be used</source>
        <translation>無法使用對話記錄</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="109"/>
        <source>The file could not be saved</source>
        <translation>無法儲存檔案</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="111"/>
        <source>This cannot be used</source>
        <translation>無法使用此項目</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="113"/>
        <source>Something went wrong</source>
        <translation>發生錯誤</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="124"/>
        <source>What you typed and any answer so far are kept; try again.</source>
        <translation>你輸入的內容和已收到的回答都已保留；請再試一次。</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tasks.py" line="128"/>
        <source>Something went wrong inside Parley</source>
        <translation>Parley 內部發生錯誤</translation>
    </message>
</context>
<context>
    <name>GatewayChoice</name>
    <message>
        <location filename="../../app/ui/welcome/gateway_choice.py" line="118"/>
        <source>Which gateway do you use?</source>
        <translation>你使用哪個閘道？</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/gateway_choice.py" line="121"/>
        <source>EduHK API Management</source>
        <translation>EduHK API Management</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/gateway_choice.py" line="122"/>
        <source>EduHK&apos;s AI gateway at %1.</source>
        <translation>教大的 AI 閘道，位於 %1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/gateway_choice.py" line="124"/>
        <source>EduHK Azure</source>
        <translation>EduHK Azure</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/gateway_choice.py" line="125"/>
        <source>EduHK&apos;s Azure OpenAI deployments at %1.</source>
        <translation>教大的 Azure OpenAI 部署，位於 %1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/gateway_choice.py" line="127"/>
        <source>Other OpenAI-compatible service</source>
        <translation>其他兼容 OpenAI 的服務</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/gateway_choice.py" line="128"/>
        <source>Any service that speaks the OpenAI API: give its address and model below.</source>
        <translation>任何支援 OpenAI API 的服務：請在下方填寫其網址及模型。</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../app/ui/window/header.py" line="152"/>
        <source>Connection profile</source>
        <translation>連線設定檔</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="158"/>
        <source>Model or deployment</source>
        <translation>模型或部署</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="167"/>
        <source>Parameters</source>
        <translation>參數</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="168"/>
        <source>Chat parameters</source>
        <translation>對話參數</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="175"/>
        <source>Tokens used in this conversation</source>
        <translation>此對話已用的 token</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="177"/>
        <source>Export this conversation as PDF, Word, HTML or Markdown</source>
        <translation>把這段對話匯出為 PDF、Word、HTML 或 Markdown</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="178"/>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="180"/>
        <source>Settings (Ctrl+,)</source>
        <translation>設定（Ctrl+,）</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="181"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="213"/>
        <source>%1 tokens</source>
        <translation>%1 個 token</translation>
    </message>
</context>
<context>
    <name>HistoryBanner</name>
    <message>
        <location filename="../../app/ui/window/history_banner.py" line="32"/>
        <source>Answers are not being saved</source>
        <translation>回答沒有被儲存</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/history_banner.py" line="35"/>
        <location filename="../../app/ui/window/history_banner.py" line="55"/>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/history_banner.py" line="36"/>
        <source>Try the history file again</source>
        <translation>再次嘗試使用記錄檔</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/history_banner.py" line="48"/>
        <source>Answers are not being saved: %1. What you say now is kept only until Parley quits; Retry uses the history again once it works.</source>
        <translation>回答沒有被儲存：%1。現在的對話只會保留到 Parley 結束為止；記錄可用後，按「重試」便會再次使用記錄。</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/history_banner.py" line="55"/>
        <source>Retrying…</source>
        <translation>正在重試…</translation>
    </message>
</context>
<context>
    <name>HistoryFallback</name>
    <message>
        <location filename="../../app/ui/chat/history_fallback.py" line="64"/>
        <source>Answers are still not being saved: %1.</source>
        <translation>回答仍然沒有被儲存：%1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/history_fallback.py" line="72"/>
        <source>The history works again: answers are saved, with what was said meanwhile.</source>
        <translation>記錄已恢復運作：回答會被儲存，期間的對話亦已一併儲存。</translation>
    </message>
</context>
<context>
    <name>HistoryNotices</name>
    <message>
        <location filename="../../app/ui/chat/history_notices.py" line="30"/>
        <source>the disk is full</source>
        <translation>磁碟已滿</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/history_notices.py" line="31"/>
        <source>the history file is in use by another program</source>
        <translation>記錄檔正被另一個程式使用</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/history_notices.py" line="33"/>
        <source>the history file or its folder is read-only</source>
        <translation>記錄檔或其資料夾是唯讀的</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/history_notices.py" line="35"/>
        <source>the history file is damaged</source>
        <translation>記錄檔已損壞</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/history_notices.py" line="36"/>
        <source>the history was written by a newer version of Parley</source>
        <translation>記錄由較新版本的 Parley 寫入</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/history_notices.py" line="38"/>
        <source>the history file belongs to another program</source>
        <translation>記錄檔屬於另一個程式</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/history_notices.py" line="40"/>
        <source>the history file cannot be opened (it may be a folder)</source>
        <translation>無法開啟記錄檔（它可能是一個資料夾）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/history_notices.py" line="48"/>
        <source>This answer could not be saved in the history: %1. It stays on screen, and Parley saves it as soon as it can.</source>
        <translation>這個回答未能儲存到記錄中：%1。回答會保留在畫面上，Parley 會在可以時盡快儲存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/history_notices.py" line="56"/>
        <source>Not sent: the history cannot keep an answer now, because %1.</source>
        <translation>未傳送：記錄現時無法保存回答，因為%1。</translation>
    </message>
</context>
<context>
    <name>HotkeySettings</name>
    <message>
        <location filename="../../app/ui/settings/hotkey_section.py" line="42"/>
        <source>Quick ask shortcut</source>
        <translation>快速提問快捷鍵</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/hotkey_section.py" line="51"/>
        <source>Command to bind in your desktop&apos;s keyboard settings:</source>
        <translation>在桌面系統鍵盤設定中綁定的指令：</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/hotkey_section.py" line="57"/>
        <location filename="../../app/ui/settings/hotkey_section.py" line="106"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/hotkey_section.py" line="82"/>
        <source>Registered: press %1 anywhere to ask about the clipboard.</source>
        <translation>已登記：在任何地方按 %1，即可就剪貼簿內容提問。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/hotkey_section.py" line="85"/>
        <source>Not registered.</source>
        <translation>未能登記。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/hotkey_section.py" line="87"/>
        <source>No shortcut is set.</source>
        <translation>未設定快捷鍵。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/hotkey_section.py" line="105"/>
        <source>Copied</source>
        <translation>已複製</translation>
    </message>
</context>
<context>
    <name>ImageInput</name>
    <message>
        <location filename="../../app/ui/images/offered.py" line="44"/>
        <source>pasted image</source>
        <translation>貼上的圖片</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/offered.py" line="55"/>
        <source>web image</source>
        <translation>網上圖片</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <location filename="../../app/ui/chat/links.py" line="24"/>
        <source>Opens %1</source>
        <translation>開啟 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/links.py" line="29"/>
        <source>Opens %1 — not %2, as the text says</source>
        <translation>開啟 %1——並非文字所寫的 %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/links.py" line="35"/>
        <source>Click to load this picture from %1</source>
        <translation>按一下從 %1 載入這張圖片</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/links.py" line="48"/>
        <source>Open this link?</source>
        <translation>開啟這個連結？</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/links.py" line="49"/>
        <source>The link&apos;s text says %1, but it opens:

%2

Open it anyway?</source>
        <translation>連結文字寫的是 %1，但實際會開啟：

%2

仍要開啟嗎？</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/window/main_window.py" line="96"/>
        <source>Balance (click to refresh)</source>
        <translation>餘額（按一下重新整理）</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/main_window.py" line="175"/>
        <source>Click to refresh</source>
        <translation>按一下重新整理</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../../app/ui/settings/models_page.py" line="51"/>
        <source>How many tokens each model takes: your messages, attached documents and the answer together. Parley checks attachments against it before sending. Change a size when your gateway&apos;s model takes more or less.</source>
        <translation>每個模型可處理的 token 數量：你的訊息、附件文件和回答合計。Parley 會在傳送前按此檢查附件。如果閘道的模型可處理更多或更少，請更改數值。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/models_page.py" line="57"/>
        <source>Context windows</source>
        <translation>上下文長度</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/models_page.py" line="59"/>
        <location filename="../../app/ui/settings/models_page.py" line="73"/>
        <location filename="../../app/ui/settings/models_page.py" line="90"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/models_page.py" line="59"/>
        <location filename="../../app/ui/settings/models_page.py" line="77"/>
        <location filename="../../app/ui/settings/models_page.py" line="91"/>
        <source>Context (tokens)</source>
        <translation>上下文（token）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/models_page.py" line="59"/>
        <source>Set by</source>
        <translation>設定來源</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/models_page.py" line="72"/>
        <source>Model or deployment name</source>
        <translation>模型或部署名稱</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/models_page.py" line="81"/>
        <source>Set</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/models_page.py" line="83"/>
        <source>Use this size for this model</source>
        <translation>為這個模型使用此數值</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/models_page.py" line="85"/>
        <source>Reset to default</source>
        <translation>重設為預設值</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/models_page.py" line="137"/>
        <location filename="../../app/ui/settings/models_page.py" line="138"/>
        <source>Built in</source>
        <translation>內置</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/models_page.py" line="137"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/models_page.py" line="139"/>
        <source>Assumed (not a model Parley knows)</source>
        <translation>假定（Parley 不認識此模型）</translation>
    </message>
</context>
<context>
    <name>MoreMenu</name>
    <message>
        <location filename="../../app/ui/chat/transcript/more_menu.py" line="39"/>
        <source>More actions</source>
        <translation>更多動作</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/more_menu.py" line="47"/>
        <source>Formatting, tables and formulas, ready to paste into Word, Google Docs or LibreOffice</source>
        <translation>連同格式、表格和公式，可直接貼到 Word、Google 文件或 LibreOffice</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/more_menu.py" line="49"/>
        <source>Save this answer as Markdown, a web page, PDF or Word</source>
        <translation>將這個回答儲存為 Markdown、網頁、PDF 或 Word</translation>
    </message>
</context>
<context>
    <name>ParamsPopup</name>
    <message>
        <location filename="../../app/ui/window/header.py" line="65"/>
        <source>System prompt presets</source>
        <translation>系統提示預設</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="67"/>
        <source>Save as preset…</source>
        <translation>儲存為預設…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="71"/>
        <location filename="../../app/ui/window/header.py" line="90"/>
        <source>System prompt</source>
        <translation>系統提示</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="72"/>
        <source>Instructions for the assistant (optional)</source>
        <translation>給助理的指示（可選）</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="77"/>
        <location filename="../../app/ui/window/header.py" line="82"/>
        <source>default</source>
        <translation>預設</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="87"/>
        <source>Temperature</source>
        <translation>溫度</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="88"/>
        <source>Max tokens</source>
        <translation>最多 token</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="129"/>
        <source>Save preset</source>
        <translation>儲存預設</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="130"/>
        <source>Name of this system prompt:</source>
        <translation>此系統提示的名稱：</translation>
    </message>
</context>
<context>
    <name>PendingDocuments</name>
    <message>
        <location filename="../../app/ui/documents/staged.py" line="160"/>
        <source>Password for %1</source>
        <translation>%1 的密碼</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/staged.py" line="162"/>
        <source>That password did not open %1. Try again:</source>
        <translation>這個密碼打不開 %1，請再試一次：</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/staged.py" line="163"/>
        <source>%1 is protected with a password. Enter it to attach the file:</source>
        <translation>%1 設有密碼保護。請輸入密碼以附加檔案：</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/staged.py" line="301"/>
        <source>%1 · ~%2 tokens — fits (room for ~%3)</source>
        <translation>%1 · 約 %2 個 token — 可以傳送（上限約 %3）</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/staged.py" line="302"/>
        <source>%1 · ~%2 tokens — still more than fits (room for ~%3)</source>
        <translation>%1 · 約 %2 個 token — 仍然超出上限（上限約 %3）</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents/staged.py" line="354"/>
        <source>Preparing…</source>
        <translation>準備中…</translation>
    </message>
</context>
<context>
    <name>PendingImages</name>
    <message>
        <location filename="../../app/ui/images/pending.py" line="108"/>
        <source>Sent before</source>
        <translation>之前已傳送</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/pending.py" line="182"/>
        <source>%1 cannot be used: %2</source>
        <translation>無法使用 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/pending.py" line="212"/>
        <source>Sends %1 (scaled from %2)</source>
        <translation>傳送 %1（由 %2 縮小）</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/pending.py" line="214"/>
        <source>Sends %1</source>
        <translation>傳送 %1</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <location filename="../../app/ui/chat/presenter.py" line="78"/>
        <source>Rate limited</source>
        <translation>請求過於頻繁</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/presenter.py" line="86"/>
        <source>The answer could not be completed</source>
        <translation>未能完成回答</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/presenter.py" line="182"/>
        <source>Assistant</source>
        <translation>助理</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/presenter.py" line="192"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/presenter.py" line="193"/>
        <source>Interrupted</source>
        <translation>已中斷</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/presenter.py" line="189"/>
        <source>Cut off at the token limit</source>
        <translation>已達 token 上限而截斷</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/presenter.py" line="191"/>
        <source>Stopped by the content filter</source>
        <translation>被內容篩選器停止</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/controller.py" line="371"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/presenter.py" line="159"/>
        <source>%1 tokens</source>
        <translation>%1 個 token</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <location filename="../../app/ui/window/header.py" line="37"/>
        <source>Default</source>
        <translation>預設</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="38"/>
        <source>Tutor — step by step</source>
        <translation>導師 — 逐步講解</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="38"/>
        <source>You are a patient tutor. Explain step by step, check understanding, and write mathematics in LaTeX.</source>
        <translation>你是一位有耐性的導師。請逐步講解，確認學生明白，並以 LaTeX 書寫數學。</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="42"/>
        <source>Translator — English ⇄ 中文</source>
        <translation>翻譯 — English ⇄ 中文</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="43"/>
        <source>Translate the user&apos;s text between English and Traditional Chinese (Hong Kong). Reply with the translation only.</source>
        <translation>把用戶的文字在英文與繁體中文（香港）之間互譯。只回覆譯文。</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="47"/>
        <source>Proofreader</source>
        <translation>校對</translation>
    </message>
    <message>
        <location filename="../../app/ui/window/header.py" line="47"/>
        <source>Correct grammar and spelling. Reply with the corrected text, then a short list of the changes.</source>
        <translation>修正文法和拼寫。先回覆修正後的文字，再簡短列出改動。</translation>
    </message>
</context>
<context>
    <name>PromptCard</name>
    <message>
        <location filename="../../app/ui/chat/transcript/empty.py" line="42"/>
        <source>Put this in the message box</source>
        <translation>放入訊息欄</translation>
    </message>
</context>
<context>
    <name>QuestionEdit</name>
    <message>
        <location filename="../../app/ui/chat/question_edit.py" line="59"/>
        <source>Editing: sending starts a new branch; the old one stays (‹ › to switch).</source>
        <translation>編輯中：送出後會開始新分支，舊分支仍會保留（用 ‹ › 切換）。</translation>
    </message>
</context>
<context>
    <name>QuickAsk</name>
    <message>
        <location filename="../../app/ui/quick_ask/controller.py" line="120"/>
        <source>Add your API key in Parley&apos;s settings first.</source>
        <translation>請先在 Parley 的設定中加入 API 金鑰。</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/controller.py" line="181"/>
        <source>Answer copied.</source>
        <translation>已複製回答。</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/controller.py" line="191"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/controller.py" line="193"/>
        <source>%1 tokens</source>
        <translation>%1 個 token</translation>
    </message>
</context>
<context>
    <name>QuickAskPage</name>
    <message>
        <location filename="../../app/ui/settings/quick_ask_page.py" line="38"/>
        <source>Keep Parley running in the tray when its window is closed</source>
        <translation>關閉視窗後讓 Parley 在系統匣中繼續執行</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/quick_ask_page.py" line="48"/>
        <source>This desktop shows no tray icons, so closing the window quits Parley.</source>
        <translation>此桌面不顯示系統匣圖示，因此關閉視窗會結束 Parley。</translation>
    </message>
</context>
<context>
    <name>QuickAskWindow</name>
    <message>
        <location filename="../../app/ui/quick_ask/window.py" line="45"/>
        <location filename="../../app/ui/quick_ask/window.py" line="46"/>
        <source>Quick ask</source>
        <translation>快速提問</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/window.py" line="63"/>
        <source>Explain</source>
        <translation>解釋</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/window.py" line="63"/>
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/window.py" line="64"/>
        <source>Translate to English</source>
        <translation>翻譯成英文</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/window.py" line="65"/>
        <source>Translate to 中文</source>
        <translation>翻譯成中文</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/window.py" line="66"/>
        <source>Fix grammar</source>
        <translation>修正文法</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/window.py" line="77"/>
        <source>Ask about it… (Enter with nothing typed explains it)</source>
        <translation>就此提問…（不輸入直接按 Enter 即解釋）</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/window.py" line="78"/>
        <source>Question</source>
        <translation>問題</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/window.py" line="82"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/window.py" line="86"/>
        <source>Copy answer</source>
        <translation>複製回答</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/window.py" line="89"/>
        <source>Open in Parley</source>
        <translation>在 Parley 中開啟</translation>
    </message>
    <message>
        <location filename="../../app/ui/quick_ask/window.py" line="118"/>
        <source>The clipboard is empty: type a question.</source>
        <translation>剪貼簿是空的：請輸入問題。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings/dialog.py" line="55"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/dialog.py" line="62"/>
        <source>Connection</source>
        <translation>連線</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/dialog.py" line="77"/>
        <source>Appearance</source>
        <translation>外觀</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="87"/>
        <source>Profiles</source>
        <translation>設定檔</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="89"/>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="91"/>
        <location filename="../../app/ui/settings/connection_page.py" line="268"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="93"/>
        <source>Use this profile</source>
        <translation>使用此設定檔</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="44"/>
        <source>Display name</source>
        <translation>顯示名稱</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="45"/>
        <source>Base URL</source>
        <translation>基本網址</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="46"/>
        <source>Chat path</source>
        <translation>對話路徑</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="47"/>
        <source>Images path</source>
        <translation>圖像路徑</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="48"/>
        <source>Embeddings path</source>
        <translation>嵌入路徑</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="49"/>
        <source>Balance path</source>
        <translation>餘額路徑</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="50"/>
        <source>Chat model / deployment</source>
        <translation>對話模型／部署</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="51"/>
        <source>Image model / deployment</source>
        <translation>圖像模型／部署</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="52"/>
        <source>Embeddings model / deployment</source>
        <translation>嵌入模型／部署</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="53"/>
        <source>api-version (optional)</source>
        <translation>api-version（可選）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="54"/>
        <source>Proxy (optional)</source>
        <translation>代理伺服器（可選）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="55"/>
        <source>CA bundle (optional)</source>
        <translation>CA 憑證檔（可選）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="62"/>
        <source>Set by %1 for this session</source>
        <translation>本次使用由 %1 設定</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="36"/>
        <source>EduHK API Management</source>
        <translation>EduHK API Management</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="37"/>
        <source>Azure deployment</source>
        <translation>Azure 部署</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="38"/>
        <source>OpenAI-compatible</source>
        <translation>OpenAI 相容</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="106"/>
        <location filename="../../app/ui/settings/connection_page.py" line="113"/>
        <source>Gateway style</source>
        <translation>閘道類型</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="110"/>
        <source>Advanced</source>
        <translation>進階</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="116"/>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="104"/>
        <source>api-key header</source>
        <translation>api-key 標頭</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="105"/>
        <source>Authorization: Bearer</source>
        <translation>Authorization: Bearer</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="106"/>
        <source>Send the key as</source>
        <translation>金鑰傳送方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="108"/>
        <source>Ask for token usage while streaming</source>
        <translation>串流時要求 token 用量</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="114"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="115"/>
        <source>Wait for the next chunk</source>
        <translation>等待下一段資料</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="120"/>
        <location filename="../../app/ui/settings/connection_fields.py" line="125"/>
        <source>gateway default</source>
        <translation>閘道預設</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="128"/>
        <source>Default temperature</source>
        <translation>預設溫度</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_fields.py" line="129"/>
        <source>Default max tokens</source>
        <translation>預設最多 token</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="140"/>
        <location filename="../../app/ui/settings/connection_page.py" line="143"/>
        <source>API key</source>
        <translation>API 金鑰</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="146"/>
        <source>Paste the key for this profile</source>
        <translation>貼上此設定檔的金鑰</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="147"/>
        <source>Save key</source>
        <translation>儲存金鑰</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="150"/>
        <source>Delete key</source>
        <translation>刪除金鑰</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="169"/>
        <source>Test connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="176"/>
        <source>The URL called and what came back show here.</source>
        <translation>這裏會顯示呼叫的網址和收到的回應。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="29"/>
        <source>Follow the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="30"/>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="31"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="35"/>
        <source>Small</source>
        <translation>小</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="36"/>
        <source>Default</source>
        <translation>預設</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="37"/>
        <source>Large</source>
        <translation>大</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="38"/>
        <source>Larger</source>
        <translation>特大</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="57"/>
        <source>The size of the conversation, the message you type and the chat list</source>
        <translation>對話、你輸入的訊息和對話列表的文字大小</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="60"/>
        <source>Theme</source>
        <translation>主題</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="61"/>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="63"/>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="64"/>
        <source>A new language applies the next time Parley starts.</source>
        <translation>新語言會在下次啟動 Parley 時生效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="69"/>
        <source>Let the model title new chats</source>
        <translation>由模型為新對話命名</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="72"/>
        <source>After the first answer, one short extra request asks the model for a title. Off: the first line of your question is the title.</source>
        <translation>第一個回答之後，會多發一個簡短請求，請模型擬定標題。關閉時，以你問題的第一行作標題。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/appearance_page.py" line="76"/>
        <source>Chat titles</source>
        <translation>對話標題</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="266"/>
        <source>Reset</source>
        <translation>重設</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="303"/>
        <source>Custom gateway %1</source>
        <translation>自訂閘道 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="343"/>
        <source>Testing…</source>
        <translation>測試中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="353"/>
        <source>Choose a CA bundle</source>
        <translation>選擇 CA 憑證檔</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/connection_page.py" line="354"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>憑證 (*.pem *.crt *.cer);;所有檔案 (*)</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="60"/>
        <location filename="../../app/ui/sidebar/panel.py" line="126"/>
        <location filename="../../app/ui/sidebar/panel.py" line="140"/>
        <source>New chat</source>
        <translation>新對話</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="62"/>
        <source>New chat (Ctrl+N)</source>
        <translation>新對話（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="65"/>
        <source>Search chats (Ctrl+F)</source>
        <translation>搜尋對話（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="66"/>
        <source>Search conversations</source>
        <translation>搜尋對話</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="70"/>
        <source>Conversations</source>
        <translation>對話</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="110"/>
        <source>Pinned</source>
        <translation>已釘選</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="110"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="111"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="111"/>
        <source>Previous 7 days</source>
        <translation>過去 7 天</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="112"/>
        <source>Older</source>
        <translation>更早</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="129"/>
        <source>No chats yet — your conversations will appear here</source>
        <translation>還沒有對話 — 你的對話會在這裏出現</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="138"/>
        <source>1 result</source>
        <translation>1 個結果</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/sidebar/panel.py" line="138"/>
        <source>%n results</source>
        <translation>
            <numerusform>%n 個結果</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="142"/>
        <source>No results for “%1”</source>
        <translation>找不到「%1」</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="222"/>
        <source>Show older chats…</source>
        <translation>顯示較舊的對話…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="226"/>
        <source>Older chats are listed as you scroll; search finds all of them</source>
        <translation>向下捲動會列出較舊的對話；搜尋可找到所有對話</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="334"/>
        <source>Rename</source>
        <translation>重新命名</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="335"/>
        <source>Unpin</source>
        <translation>取消釘選</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="335"/>
        <source>Pin</source>
        <translation>釘選</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="337"/>
        <source>Export…</source>
        <translation>匯出…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/panel.py" line="340"/>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <location filename="../../app/ui/chat/transcript/widget.py" line="85"/>
        <source>Conversation</source>
        <translation>對話</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/entries.py" line="53"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/entries.py" line="54"/>
        <source>Assistant</source>
        <translation>助理</translation>
    </message>
</context>
<context>
    <name>TranscriptImages</name>
    <message>
        <location filename="../../app/ui/images/views.py" line="86"/>
        <source>Save as…</source>
        <translation>另存為…</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/views.py" line="87"/>
        <source>Copy image</source>
        <translation>複製圖片</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/views.py" line="88"/>
        <source>Open</source>
        <translation>開啟</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/views.py" line="122"/>
        <source>Loading the image…</source>
        <translation>正在載入圖片…</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/views.py" line="167"/>
        <source>Image copied</source>
        <translation>已複製圖片</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/views.py" line="179"/>
        <source>Save image</source>
        <translation>儲存圖片</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/views.py" line="190"/>
        <source>Could not save the image: %1</source>
        <translation>無法儲存圖片：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/images/views.py" line="193"/>
        <source>Saved %1</source>
        <translation>已儲存 %1</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../app/ui/runtime/tray.py" line="30"/>
        <source>Quick ask</source>
        <translation>快速提問</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tray.py" line="31"/>
        <source>Show Parley</source>
        <translation>顯示 Parley</translation>
    </message>
    <message>
        <location filename="../../app/ui/runtime/tray.py" line="32"/>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
</context>
<context>
    <name>UndoNote</name>
    <message>
        <location filename="../../app/ui/sidebar/undo_note.py" line="31"/>
        <location filename="../../app/ui/sidebar/undo_note.py" line="32"/>
        <source>Deleted “%1”</source>
        <translation>已刪除「%1」</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/undo_note.py" line="33"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <location filename="../../app/ui/sidebar/undo_note.py" line="35"/>
        <source>Undo the delete</source>
        <translation>復原刪除</translation>
    </message>
</context>
<context>
    <name>WaitingRow</name>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="346"/>
        <source>%1 — retrying in %2 s</source>
        <translation>%1——%2 秒後重試</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="349"/>
        <source>%1 — trying again…</source>
        <translation>%1——正在重試…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="352"/>
        <source>(attempt %1 of %2)</source>
        <translation>（第 %1 次，共 %2 次）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/transcript/actions.py" line="355"/>
        <source>Waiting for the first words…</source>
        <translation>正在等候回答的第一個字…</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="71"/>
        <location filename="../../app/ui/welcome/dialog.py" line="97"/>
        <source>Welcome to Parley</source>
        <translation>歡迎使用 Parley</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="103"/>
        <source>Chat with the AI models your gateway offers. Tell Parley which gateway you use and paste your key; that is all.</source>
        <translation>與你的閘道提供的 AI 模型對話。告訴 Parley 你使用哪個閘道，再貼上金鑰，就完成了。</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="106"/>
        <source>Which gateway do you use?</source>
        <translation>你使用哪個閘道？</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="107"/>
        <source>Your API key</source>
        <translation>你的 API 金鑰</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="125"/>
        <source>Advanced</source>
        <translation>進階</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="150"/>
        <source>API key</source>
        <translation>API 金鑰</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="152"/>
        <source>Paste your key here</source>
        <translation>在此貼上你的金鑰</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="154"/>
        <location filename="../../app/ui/welcome/dialog.py" line="310"/>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="158"/>
        <source>Show the key</source>
        <translation>顯示金鑰</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="168"/>
        <source>Test</source>
        <translation>測試</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="171"/>
        <source>Ask the gateway one tiny question with this key</source>
        <translation>用此金鑰向閘道問一條簡短的問題</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="214"/>
        <source>Later</source>
        <translation>稍後</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="218"/>
        <source>Start chatting</source>
        <translation>開始對話</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="310"/>
        <source>Hide</source>
        <translation>隱藏</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="334"/>
        <source>Testing…</source>
        <translation>測試中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/dialog.py" line="344"/>
        <source>Paste your API key first: Parley needs it to ask the gateway.</source>
        <translation>請先貼上你的 API 金鑰：Parley 需要它才能向閘道提問。</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/result.py" line="23"/>
        <source>Paste your API key first.</source>
        <translation>請先貼上你的 API 金鑰。</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/result.py" line="25"/>
        <source>Connected: the gateway answered in %1 s.</source>
        <translation>已連線：閘道在 %1 秒內回應。</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/result.py" line="29"/>
        <source>The gateway refused this key.</source>
        <translation>閘道拒絕了此金鑰。</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/result.py" line="29"/>
        <source>Check that you pasted the whole key, and that it is a key for the gateway chosen above.</source>
        <translation>請檢查你是否貼上了完整的金鑰，以及它是否屬於上面所選的閘道。</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/result.py" line="33"/>
        <source>The gateway was reached, but not at this address.</source>
        <translation>已連接到閘道，但此網址不正確。</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/result.py" line="34"/>
        <source>Check the base URL and the model name (under Advanced).</source>
        <translation>請檢查基本網址及模型名稱（在「進階」中）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/result.py" line="37"/>
        <source>The gateway could not be reached.</source>
        <translation>無法連接閘道。</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/result.py" line="38"/>
        <source>Check your network connection (off campus, perhaps the VPN) and the base URL.</source>
        <translation>請檢查你的網絡連線（如在校外，或需使用 VPN）及基本網址。</translation>
    </message>
    <message>
        <location filename="../../app/ui/welcome/result.py" line="41"/>
        <source>The test did not succeed.</source>
        <translation>測試未能成功。</translation>
    </message>
</context>
<context>
    <name>WelcomeFlow</name>
    <message>
        <location filename="../../app/ui/welcome/flow.py" line="87"/>
        <source>Your key is kept for this session only: %1</source>
        <translation>你的金鑰只會保留至本次使用結束：%1</translation>
    </message>
</context>
</TS>

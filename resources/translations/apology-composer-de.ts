<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AccountBox</name>
    <message>
        <source>1. Send from</source>
        <translation>1. Senden von</translation>
    </message>
    <message>
        <source>Send from</source>
        <translation>Senden von</translation>
    </message>
    <message>
        <source>&amp;Add or change account…</source>
        <translation>Konto hinzufügen oder ä&amp;ndern…</translation>
    </message>
    <message>
        <source>Add or change account</source>
        <translation>Konto hinzufügen oder ändern</translation>
    </message>
    <message>
        <source>&amp;Open practice outbox</source>
        <translation>Übungs-Postausgang ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open practice outbox</source>
        <translation>Übungs-Postausgang öffnen</translation>
    </message>
    <message>
        <source>This campaign sends from the mail account “{0}”, which is not set up on this computer, so the practice outbox is chosen for now. Add that account with “Add or change account…” before you send for real.</source>
        <translation>Diese Kampagne sendet vom E-Mail-Konto „{0}“, das auf diesem Computer nicht eingerichtet ist. Daher ist vorerst der Übungs-Postausgang gewählt. Fügen Sie das Konto mit „Konto hinzufügen oder ändern…“ hinzu, bevor Sie wirklich senden.</translation>
    </message>
    <message>
        <source>Practice: messages go to an outbox on this computer, not to your customers. Open it to read what each customer would get. To send for real, add your own mail account.</source>
        <translation>Übung: Die Nachrichten landen in einem Postausgang auf diesem Computer, nicht bei Ihren Kunden. Öffnen Sie ihn, um zu lesen, was jeder Kunde bekäme. Um wirklich zu senden, fügen Sie Ihr eigenes E-Mail-Konto hinzu.</translation>
    </message>
    <message>
        <source>Microsoft Graph</source>
        <translation>Microsoft Graph</translation>
    </message>
    <message>
        <source>the Gmail API</source>
        <translation>die Gmail-API</translation>
    </message>
    <message>
        <source>Messages go out from {0} through {1}.</source>
        <translation>Nachrichten werden von {0} über {1} gesendet.</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Your mail account</source>
        <translation>Ihr E-Mail-Konto</translation>
    </message>
    <message>
        <source>Apologies are sent from your own mailbox, one customer at a time. Type your address; the server settings fill in by themselves. For more mail than your mailbox allows, choose a sending service under Provider.</source>
        <translation>Entschuldigungen werden aus Ihrem eigenen Postfach gesendet, an einen Kunden nach dem anderen. Geben Sie Ihre Adresse ein; die Servereinstellungen werden automatisch ausgefüllt. Für mehr E-Mails, als Ihr Postfach erlaubt, wählen Sie unter „Anbieter“ einen Versanddienst.</translation>
    </message>
    <message>
        <source>Your name, as customers will see it</source>
        <translation>Ihr Name, wie Kunden ihn sehen</translation>
    </message>
    <message>
        <source>e.g. Sam from Juniper &amp; Oak</source>
        <translation>z. B. Sam von Juniper &amp; Oak</translation>
    </message>
    <message>
        <source>Your e-mail address</source>
        <translation>Ihre E-Mail-Adresse</translation>
    </message>
    <message>
        <source>you@yourshop.com</source>
        <translation>sie@ihrladen.de</translation>
    </message>
    <message>
        <source>Mail provider</source>
        <translation>E-Mail-Anbieter</translation>
    </message>
    <message>
        <source>What password to use</source>
        <translation>Welches Passwort verwendet wird</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Mail server (SMTP)</source>
        <translation>Postausgangsserver (SMTP)</translation>
    </message>
    <message>
        <source>smtp.yourprovider.com</source>
        <translation>smtp.ihranbieter.de</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS (meist Port 587)</translation>
    </message>
    <message>
        <source>TLS (usually port 465)</source>
        <translation>TLS (meist Port 465)</translation>
    </message>
    <message>
        <source>None (only for a server on this computer)</source>
        <translation>Keine (nur für einen Server auf diesem Computer)</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>usually your e-mail address</source>
        <translation>meist Ihre E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Password or app password</source>
        <translation>Passwort oder App-Passwort</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>Use an app &amp;password instead</source>
        <translation>Stattdessen App-Pass&amp;wort verwenden</translation>
    </message>
    <message>
        <source>Use an app password instead</source>
        <translation>Stattdessen App-Passwort verwenden</translation>
    </message>
    <message>
        <source>Send through Microsoft &amp;Graph instead</source>
        <translation>Stattdessen über Microsoft &amp;Graph senden</translation>
    </message>
    <message>
        <source>Send through Microsoft Graph instead</source>
        <translation>Stattdessen über Microsoft Graph senden</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <source>Messages a day at most</source>
        <translation>Höchstens Nachrichten pro Tag</translation>
    </message>
    <message>
        <source> a minute</source>
        <translation> pro Minute</translation>
    </message>
    <message>
        <source>Messages a minute at most</source>
        <translation>Höchstens Nachrichten pro Minute</translation>
    </message>
    <message>
        <source>Short name for this account</source>
        <translation>Kurzname für dieses Konto</translation>
    </message>
    <message>
        <source>the address, unless you name it</source>
        <translation>die Adresse, falls Sie keinen Namen vergeben</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <source>E-mail &amp;address:</source>
        <translation>E-Mail-&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>Anb&amp;ieter:</translation>
    </message>
    <message>
        <source>R&amp;egion:</source>
        <translation>R&amp;egion:</translation>
    </message>
    <message>
        <source>Sign-in:</source>
        <translation>Anmeldung:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>Se&amp;curity:</source>
        <translation>Si&amp;cherheit:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Ben&amp;utzername:</translation>
    </message>
    <message>
        <source>&amp;Daily limit:</source>
        <translation>Tages&amp;limit:</translation>
    </message>
    <message>
        <source>Rate li&amp;mit:</source>
        <translation>Pro &amp;Minute:</translation>
    </message>
    <message>
        <source>Account &amp;label:</source>
        <translation>Konto&amp;bezeichnung:</translation>
    </message>
    <message>
        <source>Mailbox (for bounces and replies)</source>
        <translation>Postfach (für Unzustellbare und Antworten)</translation>
    </message>
    <message>
        <source>Mailbox server (IMAP)</source>
        <translation>Posteingangsserver (IMAP)</translation>
    </message>
    <message>
        <source>imap.yourprovider.com</source>
        <translation>imap.ihranbieter.de</translation>
    </message>
    <message>
        <source>Mailbox port</source>
        <translation>Postfach-Port</translation>
    </message>
    <message>
        <source>Mailbox security</source>
        <translation>Postfach-Sicherheit</translation>
    </message>
    <message>
        <source>TLS (usually port 993)</source>
        <translation>TLS (meist Port 993)</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 143)</source>
        <translation>STARTTLS (meist Port 143)</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;ver:</translation>
    </message>
    <message>
        <source>Po&amp;rt:</source>
        <translation>Po&amp;rt:</translation>
    </message>
    <message>
        <source>Securit&amp;y:</source>
        <translation>Sic&amp;herheit:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Connection test results</source>
        <translation>Ergebnisse des Verbindungstests</translation>
    </message>
    <message>
        <source>Connection test verdict</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>Where the password is kept</source>
        <translation>Wo das Passwort gespeichert wird</translation>
    </message>
    <message>
        <source>Other (enter the server yourself)</source>
        <translation>Andere (Server selbst eingeben)</translation>
    </message>
    <message>
        <source>the SMTP user name your sending service gave you</source>
        <translation>der SMTP-Benutzername, den Ihr Versanddienst Ihnen gegeben hat</translation>
    </message>
    <message>
        <source>&amp;Sign in with {0}…</source>
        <translation>Mit {0} anmel&amp;den…</translation>
    </message>
    <message>
        <source>Sign in with {0}</source>
        <translation>Mit {0} anmelden</translation>
    </message>
    <message>
        <source>&amp;Sign in with {0} instead</source>
        <translation>Stattdessen mit {0} anmel&amp;den</translation>
    </message>
    <message>
        <source>Sign-in with {0} is not set up in this copy of Apology Composer yet; ask whoever installed it (see docs/sign-in.md).</source>
        <translation>Die Anmeldung mit {0} ist in dieser Kopie von Apology Composer noch nicht eingerichtet. Fragen Sie die Person, die das Programm installiert hat (siehe docs/sign-in.md).</translation>
    </message>
    <message>
        <source>Until then, an app password works.</source>
        <translation>Bis dahin funktioniert ein App-Passwort.</translation>
    </message>
    <message>
        <source>Signed in as {0}. No password is kept, only the sign-in.</source>
        <translation>Angemeldet als {0}. Es wird kein Passwort gespeichert, nur die Anmeldung.</translation>
    </message>
    <message>
        <source>Your browser opens {0}&apos;s own sign-in page; Apology Composer never sees your password.</source>
        <translation>Ihr Browser öffnet die Anmeldeseite von {0}; Apology Composer sieht Ihr Passwort nie.</translation>
    </message>
    <message>
        <source>This computer has no password store, so the sign-in is not kept: you sign in again once each session.</source>
        <translation>Dieser Computer hat keinen Passwortspeicher, daher wird die Anmeldung nicht gespeichert: Sie melden sich in jeder Sitzung einmal neu an.</translation>
    </message>
    <message>
        <source>This computer has no password store, so the password is not saved: the app will ask for it once each session.</source>
        <translation>Dieser Computer hat keinen Passwortspeicher, daher wird das Passwort nicht gespeichert: Das Programm fragt in jeder Sitzung einmal danach.</translation>
    </message>
    <message>
        <source>Waiting for you to sign in in your browser… (Cancel stops waiting)</source>
        <translation>Warten auf Ihre Anmeldung im Browser… (Abbrechen beendet das Warten)</translation>
    </message>
    <message>
        <source>Your administrator can approve it at {0}</source>
        <translation>Ihr Administrator kann es unter {0} freigeben</translation>
    </message>
    <message>
        <source>Sign in with {0} below; an app password also works (choose it below).</source>
        <translation>Melden Sie sich unten mit {0} an; ein App-Passwort funktioniert auch (unten wählbar).</translation>
    </message>
    <message>
        <source>Ask your provider for its SMTP server, port and security.</source>
        <translation>Fragen Sie Ihren Anbieter nach SMTP-Server, Port und Sicherheit.</translation>
    </message>
    <message>
        <source>{0} no longer accepts passwords from mail programs: sign in with Microsoft below instead.</source>
        <translation>{0} akzeptiert keine Passwörter von E-Mail-Programmen mehr: Melden Sie sich stattdessen unten mit Microsoft an.</translation>
    </message>
    <message>
        <source>Sign in with {0} to send from this address.</source>
        <translation>Melden Sie sich mit {0} an, um von dieser Adresse zu senden.</translation>
    </message>
    <message>
        <source>Type the password (or app password) for this mailbox.</source>
        <translation>Geben Sie das Passwort (oder App-Passwort) für dieses Postfach ein.</translation>
    </message>
    <message>
        <source>Save &amp;anyway</source>
        <translation>&amp;Trotzdem speichern</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>The account works: messages can be sent from it.</source>
        <translation>Das Konto funktioniert: Es können Nachrichten darüber gesendet werden.</translation>
    </message>
    <message>
        <source>The account does not work yet. {0}</source>
        <translation>Das Konto funktioniert noch nicht. {0}</translation>
    </message>
</context>
<context>
    <name>ArriveBox</name>
    <message>
        <source>Will it arrive?</source>
        <translation>Kommt sie an?</translation>
    </message>
    <message>
        <source>Will it arrive</source>
        <translation>Kommt sie an</translation>
    </message>
    <message>
        <source>What the check of your domain found</source>
        <translation>Was die Prüfung Ihrer Domain ergab</translation>
    </message>
    <message>
        <source> a day</source>
        <translation> pro Tag</translation>
    </message>
    <message>
        <source>Other mail your domain sends a day</source>
        <translation>Andere E-Mails, die Ihre Domain pro Tag sendet</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>&amp;Erneut prüfen</translation>
    </message>
    <message>
        <source>Check the domain again</source>
        <translation>Domain erneut prüfen</translation>
    </message>
    <message>
        <source>Other mail your domain sends (receipts, newsletters), about:</source>
        <translation>Andere E-Mails, die Ihre Domain sendet (Belege, Newsletter), etwa:</translation>
    </message>
    <message>
        <source>Looking up the records of {0}…</source>
        <translation>Einträge von {0} werden abgefragt…</translation>
    </message>
</context>
<context>
    <name>AudienceModel</name>
    <message>
        <source>row {0}</source>
        <translation>Zeile {0}</translation>
    </message>
    <message>
        <source>Spreadsheet row {0}</source>
        <translation>Tabellenzeile {0}</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>Column to filter on</source>
        <translation>Spalte zum Filtern</translation>
    </message>
    <message>
        <source>How to compare</source>
        <translation>Vergleichsart</translation>
    </message>
    <message>
        <source>is</source>
        <translation>ist</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>ist nicht</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>does not contain</source>
        <translation>enthält nicht</translation>
    </message>
    <message>
        <source>is more than</source>
        <translation>ist größer als</translation>
    </message>
    <message>
        <source>is less than</source>
        <translation>ist kleiner als</translation>
    </message>
    <message>
        <source>is one of (a, b, c)</source>
        <translation>ist eines von (a, b, c)</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>ist leer</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>ist nicht leer</translation>
    </message>
    <message>
        <source>Value to compare with</source>
        <translation>Vergleichswert</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>Diese Bedingung entfernen</translation>
    </message>
</context>
<context>
    <name>ConfirmBox</name>
    <message>
        <source>3. Send to everyone</source>
        <translation>3. An alle senden</translation>
    </message>
    <message>
        <source>Type the number of recipients to confirm</source>
        <translation>Zum Bestätigen die Anzahl der Empfänger eingeben</translation>
    </message>
    <message>
        <source>the number</source>
        <translation>die Anzahl</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Sending now; the progress below shows how far it got.</source>
        <translation>Wird gesendet; der Fortschritt unten zeigt, wie weit es ist.</translation>
    </message>
    <message>
        <source>Sending unlocks once that is done, here on this page.</source>
        <translation>Das Senden wird hier auf dieser Seite freigegeben, sobald das erledigt ist.</translation>
    </message>
    <message>
        <source>Sending stays locked until the problem above is fixed; the step marked with a warning on the left shows where.</source>
        <translation>Das Senden bleibt gesperrt, bis das Problem oben behoben ist; der links mit einer Warnung markierte Schritt zeigt, wo.</translation>
    </message>
    <message>
        <source>This sends {0}, one to each customer, from {1}. To confirm, type the number {2}:</source>
        <translation>Damit werden {0} gesendet, eine an jeden Kunden, von {1}. Geben Sie zum Bestätigen die Zahl {2} ein:</translation>
    </message>
    <message>
        <source>You typed {0}, but {1} would go out; type {2} to send them, or go back to Customers if that number looks wrong.</source>
        <translation>Sie haben {0} eingegeben, aber es würden {1} gesendet. Geben Sie {2} ein, um sie zu senden, oder gehen Sie zurück zu „Kunden“, falls die Zahl falsch aussieht.</translation>
    </message>
    <message>
        <source>Nothing is waiting to be sent; the failed and in-doubt messages below need your decision.</source>
        <translation>Nichts wartet auf den Versand; über die fehlgeschlagenen und unklaren Nachrichten unten müssen Sie entscheiden.</translation>
    </message>
    <message>
        <source>Nothing is left to send: every customer in the list has it.</source>
        <translation>Nichts mehr zu senden: Jeder Kunde in der Liste hat sie erhalten.</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Bestätigung</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Field name for the message: {{ %s }}</source>
        <translation>Feldname für die Nachricht: {{ %s }}</translation>
    </message>
    <message>
        <source>Spreadsheet row %d</source>
        <translation>Tabellenzeile %d</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Open the spreadsheet that lists the customers who should get the apology. Each row becomes one personal e-mail to one person.</source>
        <translation>Öffnen Sie die Tabelle mit den Kunden, die die Entschuldigung erhalten sollen. Jede Zeile wird zu einer persönlichen E-Mail an eine Person.</translation>
    </message>
    <message>
        <source>Open spreadsheet…</source>
        <translation>Tabelle öffnen…</translation>
    </message>
    <message>
        <source>Open spreadsheet</source>
        <translation>Tabelle öffnen</translation>
    </message>
    <message>
        <source>Spreadsheet file</source>
        <translation>Tabellendatei</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Blatt:</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Blatt</translation>
    </message>
    <message>
        <source>Drop your customer spreadsheet here,
or click “Open spreadsheet…” above.

Excel, LibreOffice and CSV files all work. The first row should name the columns (Email, First name, …).</source>
        <translation>Ziehen Sie Ihre Kundentabelle hierher
oder klicken Sie oben auf „Tabelle öffnen…“.

Excel-, LibreOffice- und CSV-Dateien funktionieren. Die erste Zeile sollte die Spalten benennen (E-Mail, Vorname, …).</translation>
    </message>
    <message>
        <source>Which columns hold what</source>
        <translation>Welche Spalte was enthält</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Nicht kontaktieren</translation>
    </message>
    <message>
        <source>column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Customer rows</source>
        <translation>Kundenzeilen</translation>
    </message>
    <message>
        <source>Select all rows</source>
        <translation>Alle Zeilen auswählen</translation>
    </message>
    <message>
        <source>Who gets the apology</source>
        <translation>Wer die Entschuldigung erhält</translation>
    </message>
    <message>
        <source>Only people who match</source>
        <translation>Nur Personen, die</translation>
    </message>
    <message>
        <source>all of these</source>
        <translation>alle diese erfüllen</translation>
    </message>
    <message>
        <source>any of these</source>
        <translation>eine davon erfüllen</translation>
    </message>
    <message>
        <source>Match all or any conditions</source>
        <translation>Alle oder eine der Bedingungen</translation>
    </message>
    <message>
        <source>Add a condition…</source>
        <translation>Bedingung hinzufügen…</translation>
    </message>
    <message>
        <source>Add a filter condition</source>
        <translation>Filterbedingung hinzufügen</translation>
    </message>
    <message>
        <source>Send only to some rows, e.g. Country is France</source>
        <translation>Nur an einige Zeilen senden, z. B. Land ist Frankreich</translation>
    </message>
    <message>
        <source>Everyone with a usable address gets it.</source>
        <translation>Alle mit einer verwendbaren Adresse erhalten sie.</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>Ausgelassen</translation>
    </message>
    <message>
        <source>These rows will not get the apology. Click one to see it in the table.</source>
        <translation>Diese Zeilen erhalten die Entschuldigung nicht. Klicken Sie auf eine, um sie in der Tabelle zu sehen.</translation>
    </message>
    <message>
        <source>Rows left out</source>
        <translation>Ausgelassene Zeilen</translation>
    </message>
    <message>
        <source>Do-not-contact list…</source>
        <translation>Sperrliste…</translation>
    </message>
    <message>
        <source>Choose a do-not-contact list</source>
        <translation>Sperrliste wählen</translation>
    </message>
    <message>
        <source>A file of addresses that must never get this e-mail (unsubscribed people).</source>
        <translation>Eine Datei mit Adressen, die diese E-Mail niemals erhalten dürfen (abgemeldete Personen).</translation>
    </message>
    <message>
        <source>Stop using this list</source>
        <translation>Liste nicht mehr verwenden</translation>
    </message>
    <message>
        <source>Stop using the do-not-contact list</source>
        <translation>Sperrliste nicht mehr verwenden</translation>
    </message>
    <message>
        <source>Open the list of customers</source>
        <translation>Kundenliste öffnen</translation>
    </message>
    <message>
        <source>Spreadsheets (%s)</source>
        <translation>Tabellen (%s)</translation>
    </message>
    <message>
        <source>Choose the list of people who must not be contacted</source>
        <translation>Liste der Personen wählen, die nicht kontaktiert werden dürfen</translation>
    </message>
    <message>
        <source>Address lists (%s)</source>
        <translation>Adresslisten (%s)</translation>
    </message>
    <message>
        <source>No spreadsheet open yet.</source>
        <translation>Noch keine Tabelle geöffnet.</translation>
    </message>
    <message>
        <source>(saved in the campaign)</source>
        <translation>(in der Kampagne gespeichert)</translation>
    </message>
    <message numerus="yes">
        <source>%s — %Ln rows</source>
        <translation>
            <numerusform>%s – %Ln Zeile</numerusform>
            <numerusform>%s – %Ln Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Customers saved in the campaign — %Ln rows</source>
        <translation>
            <numerusform>In der Kampagne gespeicherte Kunden – %Ln Zeile</numerusform>
            <numerusform>In der Kampagne gespeicherte Kunden – %Ln Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%s (%Ln addresses)</source>
        <translation>
            <numerusform>%s (%Ln Adresse)</numerusform>
            <numerusform>%s (%Ln Adressen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln addresses from the saved list</source>
        <translation>
            <numerusform>%Ln Adresse aus der gespeicherten Liste</numerusform>
            <numerusform>%Ln Adressen aus der gespeicherten Liste</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending to %s of %Ln rows</source>
        <translation>
            <numerusform>Senden an %s von %Ln Zeile</numerusform>
            <numerusform>Senden an %s von %Ln Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Address not valid</source>
        <translation>Adresse ungültig</translation>
    </message>
    <message>
        <source>No address</source>
        <translation>Keine Adresse</translation>
    </message>
    <message>
        <source>Same address as an earlier row</source>
        <translation>Gleiche Adresse wie eine frühere Zeile</translation>
    </message>
    <message>
        <source>… and %s more</source>
        <translation>… und %s weitere</translation>
    </message>
    <message>
        <source>Left out (%s)</source>
        <translation>Ausgelassen (%s)</translation>
    </message>
    <message>
        <source>No rows are left out: every address is usable.</source>
        <translation>Keine Zeilen ausgelassen: Jede Adresse ist verwendbar.</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>The campaign is being sent; wait until it has finished to change it.</source>
        <translation>Die Kampagne wird gerade gesendet; warten Sie, bis sie fertig ist, um sie zu ändern.</translation>
    </message>
    <message>
        <source>A campaign is being sent; wait until it has finished (or stop it) before opening or starting another.</source>
        <translation>Eine Kampagne wird gerade gesendet; warten Sie, bis sie fertig ist (oder stoppen Sie sie), bevor Sie eine andere öffnen oder beginnen.</translation>
    </message>
    <message>
        <source>The campaign is being sent; wait until it has finished to load a list.</source>
        <translation>Die Kampagne wird gerade gesendet; warten Sie, bis sie fertig ist, um eine Liste zu laden.</translation>
    </message>
    <message numerus="yes">
        <source>Taking in %Ln customers…</source>
        <translation>
            <numerusform>%Ln Kunde wird übernommen…</numerusform>
            <numerusform>%Ln Kunden werden übernommen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %s…</source>
        <translation>%s wird gelesen…</translation>
    </message>
    <message>
        <source>The campaign is being sent; it is saved as it goes. Save it after.</source>
        <translation>Die Kampagne wird gerade gesendet und dabei laufend gespeichert. Speichern Sie sie danach.</translation>
    </message>
    <message>
        <source>Choose where to save the campaign first.</source>
        <translation>Wählen Sie zuerst, wo die Kampagne gespeichert werden soll.</translation>
    </message>
    <message>
        <source>Open the customer spreadsheet first; a campaign needs its customers.</source>
        <translation>Öffnen Sie zuerst die Kundentabelle; eine Kampagne braucht Kunden.</translation>
    </message>
    <message>
        <source>Sending stopped.</source>
        <translation>Senden gestoppt.</translation>
    </message>
    <message>
        <source>Checking the addresses…</source>
        <translation>Adressen werden geprüft…</translation>
    </message>
    <message>
        <source>Checking the apology…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Working out who gets it…</source>
        <translation>Empfänger werden ermittelt…</translation>
    </message>
    <message>
        <source>The unsaved work could not be read; it was set aside.</source>
        <translation>Die ungesicherte Arbeit konnte nicht gelesen werden; sie wurde beiseitegelegt.</translation>
    </message>
</context>
<context>
    <name>DoubtBox</name>
    <message>
        <source>Messages that may already have gone</source>
        <translation>Nachrichten, die vielleicht schon gesendet wurden</translation>
    </message>
    <message>
        <source>The connection was lost just as these were handed over, so the mail server may have delivered them. “Look in Sent” finds the ones that went; then decide for the ones you select (or for all of them):</source>
        <translation>Die Verbindung brach genau bei der Übergabe ab, daher hat der Mailserver sie vielleicht zugestellt. „In ‚Gesendet‘ suchen“ findet die gesendeten; entscheiden Sie dann für die ausgewählten (oder für alle):</translation>
    </message>
    <message>
        <source>Messages in doubt</source>
        <translation>Unklare Nachrichten</translation>
    </message>
    <message>
        <source>Send these again</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Send the messages in doubt again</source>
        <translation>Unklare Nachrichten erneut senden</translation>
    </message>
    <message>
        <source>Mark as sent</source>
        <translation>Als gesendet markieren</translation>
    </message>
    <message>
        <source>Mark the messages in doubt as sent</source>
        <translation>Unklare Nachrichten als gesendet markieren</translation>
    </message>
    <message>
        <source>&amp;Look in Sent</source>
        <translation>In „Gesendet“ &amp;suchen</translation>
    </message>
    <message>
        <source>Look for the messages in doubt in the Sent folder</source>
        <translation>Unklare Nachrichten im Ordner „Gesendet“ suchen</translation>
    </message>
    <message>
        <source>Row {0}: {1} — {2}</source>
        <translation>Zeile {0}: {1} – {2}</translation>
    </message>
</context>
<context>
    <name>MailboxBox</name>
    <message>
        <source>5. What came back</source>
        <translation>5. Was zurückkam</translation>
    </message>
    <message>
        <source>What came back</source>
        <translation>Was zurückkam</translation>
    </message>
    <message>
        <source>A message can still bounce after it was sent, and customers may answer. Check your mailbox to see both here (nothing in it is changed).</source>
        <translation>Eine Nachricht kann auch nach dem Senden noch unzustellbar zurückkommen, und Kunden antworten vielleicht. Prüfen Sie Ihr Postfach, um beides hier zu sehen (dort wird nichts verändert).</translation>
    </message>
    <message>
        <source>Check the &amp;mailbox</source>
        <translation>&amp;Postfach prüfen</translation>
    </message>
    <message>
        <source>Check the mailbox for bounces and replies</source>
        <translation>Postfach auf Unzustellbare und Antworten prüfen</translation>
    </message>
    <message>
        <source>What the mailbox check found</source>
        <translation>Was die Postfachprüfung ergab</translation>
    </message>
    <message>
        <source>Bounces and replies</source>
        <translation>Unzustellbare und Antworten</translation>
    </message>
    <message>
        <source>Correct the address…</source>
        <translation>Adresse korrigieren…</translation>
    </message>
    <message>
        <source>Correct the bounced address</source>
        <translation>Unzustellbare Adresse korrigieren</translation>
    </message>
    <message>
        <source>To write again to an address that bounced, select it and correct the address; the next Send goes to the corrected one.</source>
        <translation>Um erneut an eine unzustellbare Adresse zu schreiben, wählen Sie sie aus und korrigieren Sie die Adresse; beim nächsten Senden geht die Nachricht an die korrigierte.</translation>
    </message>
    <message>
        <source>Correct the address</source>
        <translation>Adresse korrigieren</translation>
    </message>
    <message>
        <source>{0} bounced. Type the corrected address; the next Send goes to it:</source>
        <translation>{0} war unzustellbar. Geben Sie die korrigierte Adresse ein; beim nächsten Senden geht die Nachricht dorthin:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Apology Composer</source>
        <translation>Apology Composer</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Not ready: see %s</source>
        <translation>Nicht bereit: siehe %s</translation>
    </message>
    <message>
        <source>Test first, then send %s</source>
        <translation>Testen, dann %s senden</translation>
    </message>
    <message>
        <source>Who gets the apology</source>
        <translation>Wer die Entschuldigung erhält</translation>
    </message>
    <message>
        <source>What is being done</source>
        <translation>Was gerade passiert</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New campaign</source>
        <translation>&amp;Neue Kampagne</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open customer &amp;spreadsheet…</source>
        <translation>Kunden&amp;tabelle öffnen…</translation>
    </message>
    <message>
        <source>New campaign from the &amp;mailbox…</source>
        <translation>Neue Kampagne aus dem &amp;Postfach…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Next step</source>
        <translation>&amp;Nächster Schritt</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System language ({0})</source>
        <translation>Systemsprache ({0})</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Apology Composer</source>
        <translation>&amp;Über Apology Composer</translation>
    </message>
    <message>
        <source>Apology Composer speaks {0} from the next time it starts.</source>
        <translation>Apology Composer spricht ab dem nächsten Start {0}.</translation>
    </message>
    <message>
        <source>About Apology Composer</source>
        <translation>Über Apology Composer</translation>
    </message>
    <message>
        <source>Apology Composer {0}</source>
        <translation>Apology Composer {0}</translation>
    </message>
    <message>
        <source>Settings are kept in {0}.</source>
        <translation>Einstellungen werden in {0} gespeichert.</translation>
    </message>
    <message>
        <source>Connections trust {0}.</source>
        <translation>Verbindungen vertrauen {0}.</translation>
    </message>
    <message>
        <source>Open your customer list</source>
        <translation>Kundenliste öffnen</translation>
    </message>
    <message>
        <source>Nobody to send to</source>
        <translation>Keine Empfänger</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows left out</source>
        <translation>
            <numerusform>%Ln Zeile ausgelassen</numerusform>
            <numerusform>%Ln Zeilen ausgelassen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to fix before sending</source>
        <translation>
            <numerusform>Vor dem Senden zu beheben: %Ln</numerusform>
            <numerusform>Vor dem Senden zu beheben: %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln messages to read</source>
        <translation>
            <numerusform>%Ln Nachricht zu lesen</numerusform>
            <numerusform>%Ln Nachrichten zu lesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows read; checking…</source>
        <translation>
            <numerusform>%Ln Zeile gelesen; wird geprüft…</numerusform>
            <numerusform>%Ln Zeilen gelesen; wird geprüft…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending to %s of %Ln rows</source>
        <translation>
            <numerusform>Senden an %s von %Ln Zeile</numerusform>
            <numerusform>Senden an %s von %Ln Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Write the apology</source>
        <translation>Entschuldigung schreiben</translation>
    </message>
    <message>
        <source>Not ready yet</source>
        <translation>Noch nicht bereit</translation>
    </message>
    <message>
        <source>Ready to send %s</source>
        <translation>Bereit, %s zu senden</translation>
    </message>
    <message>
        <source>No customers yet: open a spreadsheet to begin.</source>
        <translation>Noch keine Kunden: Öffnen Sie zuerst eine Tabelle.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Neue Kampagne</translation>
    </message>
    <message>
        <source>%s[*] — Apology Composer</source>
        <translation>%s[*] – Apology Composer</translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation>%s gespeichert</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungesicherte Änderungen</translation>
    </message>
    <message>
        <source>Save the changes to this campaign before closing it?</source>
        <translation>Änderungen an dieser Kampagne vor dem Schließen speichern?</translation>
    </message>
    <message>
        <source>If you don&apos;t save, your changes will be lost.</source>
        <translation>Wenn Sie nicht speichern, gehen Ihre Änderungen verloren.</translation>
    </message>
    <message>
        <source>Open a campaign or a customer list</source>
        <translation>Kampagne oder Kundenliste öffnen</translation>
    </message>
    <message>
        <source>Campaigns and spreadsheets (%s)</source>
        <translation>Kampagnen und Tabellen (%s)</translation>
    </message>
    <message>
        <source>Open the list of customers</source>
        <translation>Kundenliste öffnen</translation>
    </message>
    <message>
        <source>Spreadsheets (%s)</source>
        <translation>Tabellen (%s)</translation>
    </message>
    <message>
        <source>Finding the people who wrote in…</source>
        <translation>Personen werden gesucht, die geschrieben haben…</translation>
    </message>
    <message>
        <source>apology</source>
        <translation>entschuldigung</translation>
    </message>
    <message>
        <source>Save the campaign</source>
        <translation>Kampagne speichern</translation>
    </message>
    <message>
        <source>Apology campaigns (*%s)</source>
        <translation>Entschuldigungskampagnen (*%s)</translation>
    </message>
    <message>
        <source>No recent campaigns</source>
        <translation>Keine zuletzt geöffneten Kampagnen</translation>
    </message>
    <message>
        <source>Load the edited list?</source>
        <translation>Bearbeitete Liste laden?</translation>
    </message>
    <message>
        <source>Load “%s” into this campaign?</source>
        <translation>„%s“ in diese Kampagne laden?</translation>
    </message>
    <message>
        <source>the list</source>
        <translation>die Liste</translation>
    </message>
    <message>
        <source>Load it</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Keep the current list</source>
        <translation>Aktuelle Liste behalten</translation>
    </message>
    <message>
        <source>%s sent, %s in doubt (they may have gone: you decide), %s not sent yet.</source>
        <translation>%s gesendet, %s unklar (vielleicht schon gesendet: Sie entscheiden), %s noch nicht gesendet.</translation>
    </message>
    <message>
        <source>%s sent, %s not sent yet.</source>
        <translation>%s gesendet, %s noch nicht gesendet.</translation>
    </message>
    <message>
        <source>Sending was interrupted</source>
        <translation>Senden wurde unterbrochen</translation>
    </message>
    <message>
        <source>Sending “%s” was interrupted before it finished.</source>
        <translation>Das Senden von „%s“ wurde vor dem Ende unterbrochen.</translation>
    </message>
    <message>
        <source>Open it to see them and carry on?</source>
        <translation>Öffnen, um sie zu sehen und weiterzumachen?</translation>
    </message>
    <message>
        <source>Open it</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>Ungesicherte Arbeit wiederherstellen</translation>
    </message>
    <message>
        <source>Apology Composer closed before “%s” was saved. Bring it back?</source>
        <translation>Apology Composer wurde beendet, bevor „%s“ gespeichert war. Wiederherstellen?</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Throw away</source>
        <translation>Verwerfen</translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message>
        <source>if empty, write…</source>
        <translation>falls leer, schreiben…</translation>
    </message>
    <message>
        <source>Fallback for %s</source>
        <translation>Ersatztext für %s</translation>
    </message>
    <message>
        <source>Written instead of %s for people whose cell is empty.</source>
        <translation>Wird statt %s für Personen geschrieben, deren Zelle leer ist.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Write the apology once. Personal fields such as {{ first_name }} are filled in for each customer, and each customer gets their own e-mail.</source>
        <translation>Schreiben Sie die Entschuldigung einmal. Persönliche Felder wie {{ first_name }} werden für jeden Kunden ausgefüllt, und jeder Kunde erhält seine eigene E-Mail.</translation>
    </message>
    <message>
        <source>Your name or your shop&apos;s name</source>
        <translation>Ihr Name oder der Name Ihres Geschäfts</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Absendername</translation>
    </message>
    <message>
        <source>your mailbox, chosen in step 4</source>
        <translation>Ihr Postfach, gewählt in Schritt 4</translation>
    </message>
    <message>
        <source>Sender e-mail address</source>
        <translation>Absenderadresse</translation>
    </message>
    <message>
        <source>The apology is sent from the mailbox of the account chosen in step 4.</source>
        <translation>Die Entschuldigung wird aus dem Postfach des in Schritt 4 gewählten Kontos gesendet.</translation>
    </message>
    <message>
        <source>Mail account…</source>
        <translation>E-Mail-Konto…</translation>
    </message>
    <message>
        <source>Choose the mail account</source>
        <translation>E-Mail-Konto wählen</translation>
    </message>
    <message>
        <source>Choose or set up the mailbox that sends it</source>
        <translation>Postfach wählen oder einrichten, das sie sendet</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>e.g. Sorry about the invoice, {{ first_name }}</source>
        <translation>z. B. Entschuldigung wegen der Rechnung, {{ first_name }}</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Betreff:</translation>
    </message>
    <message>
        <source>Insert field</source>
        <translation>Feld einfügen</translation>
    </message>
    <message>
        <source>Insert a personal field</source>
        <translation>Persönliches Feld einfügen</translation>
    </message>
    <message>
        <source>Put a column of the spreadsheet into the text</source>
        <translation>Eine Spalte der Tabelle in den Text einfügen</translation>
    </message>
    <message>
        <source>Also send a formatted version (Markdown)</source>
        <translation>Auch formatiert senden (Markdown)</translation>
    </message>
    <message>
        <source>Also send a formatted version</source>
        <translation>Auch eine formatierte Version senden</translation>
    </message>
    <message>
        <source>**bold**, *italic*, lists and links become formatting; plain text is kept.</source>
        <translation>**fett**, *kursiv*, Listen und Links werden formatiert; der reine Text bleibt erhalten.</translation>
    </message>
    <message>
        <source>Add a line to unsubscribe</source>
        <translation>Abmeldezeile hinzufügen</translation>
    </message>
    <message>
        <source>Ends each message with a line inviting a reply with the word unsubscribe, and adds the List-Unsubscribe header mail programs show as a button. An apology needs neither; large senders to Gmail and Outlook.com are expected to have it.</source>
        <translation>Beendet jede Nachricht mit einer Zeile, die zu einer Antwort mit dem Wort „unsubscribe“ einlädt, und fügt den List-Unsubscribe-Header hinzu, den E-Mail-Programme als Schaltfläche zeigen. Eine Entschuldigung braucht keins von beiden; von Großversendern an Gmail und Outlook.com wird es erwartet.</translation>
    </message>
    <message>
        <source>Apology text</source>
        <translation>Text der Entschuldigung</translation>
    </message>
    <message>
        <source>Hi {{ first_name }},

I am so sorry about …

Type {{ to pick a personal field.</source>
        <translation>Hallo {{ first_name }},

es tut mir sehr leid wegen …

Geben Sie {{ ein, um ein persönliches Feld zu wählen.</translation>
    </message>
    <message>
        <source>Language of dates and amounts</source>
        <translation>Sprache für Datum und Beträge</translation>
    </message>
    <message>
        <source>How {{ order_date | date }} and {{ amount | money }} are written in every message, e.g. 9 March 2026 or 9. März 2026.</source>
        <translation>Wie {{ order_date | date }} und {{ amount | money }} in jeder Nachricht geschrieben werden, z. B. 9. März 2026 oder 9 March 2026.</translation>
    </message>
    <message>
        <source>Currency of amounts</source>
        <translation>Währung der Beträge</translation>
    </message>
    <message>
        <source>The currency {{ amount | money }} writes.</source>
        <translation>Die Währung, in der {{ amount | money }} schreibt.</translation>
    </message>
    <message>
        <source>&amp;Dates and amounts:</source>
        <translation>&amp;Datum und Beträge:</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>&amp;Währung:</translation>
    </message>
    <message>
        <source>Personal fields in the message</source>
        <translation>Persönliche Felder in der Nachricht</translation>
    </message>
    <message>
        <source>Discount code</source>
        <translation>Rabattcode</translation>
    </message>
    <message>
        <source>No code</source>
        <translation>Kein Code</translation>
    </message>
    <message>
        <source>One code for everyone:</source>
        <translation>Ein Code für alle:</translation>
    </message>
    <message>
        <source>A different code for each, from the column:</source>
        <translation>Je ein Code aus der Spalte:</translation>
    </message>
    <message>
        <source>A different code for each, from a file:</source>
        <translation>Je ein Code aus einer Datei:</translation>
    </message>
    <message>
        <source>e.g. SORRY11</source>
        <translation>z. B. SORRY11</translation>
    </message>
    <message>
        <source>The code for everyone</source>
        <translation>Der Code für alle</translation>
    </message>
    <message>
        <source>Column with the codes</source>
        <translation>Spalte mit den Codes</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <source>Choose the file of codes</source>
        <translation>Datei mit den Codes wählen</translation>
    </message>
    <message>
        <source>Before you can send</source>
        <translation>Bevor Sie senden können</translation>
    </message>
    <message>
        <source>What still blocks sending</source>
        <translation>Was das Senden noch blockiert</translation>
    </message>
    <message>
        <source>Choose the file of discount codes (one per line)</source>
        <translation>Datei mit den Rabattcodes wählen (einer pro Zeile)</translation>
    </message>
    <message>
        <source>Text files (*.txt *.csv);;All files (*)</source>
        <translation>Textdateien (*.txt *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>saved codes</source>
        <translation>gespeicherte Codes</translation>
    </message>
    <message numerus="yes">
        <source>%s (%Ln codes)</source>
        <translation>
            <numerusform>%s (%Ln Code)</numerusform>
            <numerusform>%s (%Ln Codes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln codes for {0}: {1}.</source>
        <translation>
            <numerusform>%Ln Code für {0}: {1}.</numerusform>
            <numerusform>%Ln Codes für {0}: {1}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln people</source>
        <comment>codes for N people</comment>
        <translation>
            <numerusform>%Ln Person</numerusform>
            <numerusform>%Ln Personen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln codes left over</source>
        <translation>
            <numerusform>%Ln Code übrig</numerusform>
            <numerusform>%Ln Codes übrig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln empty: give a fallback</source>
        <translation>
            <numerusform>%Ln leer: Ersatztext angeben</numerusform>
            <numerusform>%Ln leer: Ersatztext angeben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln empty</source>
        <translation>
            <numerusform>%Ln leer</numerusform>
            <numerusform>%Ln leer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of the people getting it have no %s.</source>
        <translation>
            <numerusform>Bei %Ln Empfänger fehlt %s.</numerusform>
            <numerusform>Bei %Ln Empfängern fehlt %s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Write {{ code }} in the message to give one.</source>
        <translation>Schreiben Sie {{ code }} in die Nachricht, um einen zu vergeben.</translation>
    </message>
    <message>
        <source>Everyone gets %s.</source>
        <translation>Alle erhalten %s.</translation>
    </message>
    <message>
        <source>Type the code everyone gets.</source>
        <translation>Geben Sie den Code ein, den alle erhalten.</translation>
    </message>
    <message>
        <source>Each person gets the code in their own row.</source>
        <translation>Jede Person erhält den Code aus ihrer eigenen Zeile.</translation>
    </message>
    <message>
        <source>all filled</source>
        <translation>alle ausgefüllt</translation>
    </message>
    <message>
        <source>Where a cell is empty, the fallback text is written instead.</source>
        <translation>Wo eine Zelle leer ist, wird stattdessen der Ersatztext geschrieben.</translation>
    </message>
    <message>
        <source>The personal fields show here once the problem under “Before you can send” is fixed.</source>
        <translation>Die persönlichen Felder erscheinen hier, sobald das Problem unter „Bevor Sie senden können“ behoben ist.</translation>
    </message>
    <message>
        <source>No personal fields yet. Type {{ or use “Insert field”.</source>
        <translation>Noch keine persönlichen Felder. Geben Sie {{ ein oder verwenden Sie „Feld einfügen“.</translation>
    </message>
    <message>
        <source>The message is ready; step 1, Customers, shows what is left to fix there.</source>
        <translation>Die Nachricht ist fertig; Schritt 1, Kunden, zeigt, was dort noch zu beheben ist.</translation>
    </message>
    <message>
        <source>The message is ready; step 4, Send, shows what is left to do there.</source>
        <translation>Die Nachricht ist fertig; Schritt 4, Senden, zeigt, was dort noch zu tun ist.</translation>
    </message>
    <message>
        <source>Nothing: the message is ready.</source>
        <translation>Nichts: Die Nachricht ist fertig.</translation>
    </message>
</context>
<context>
    <name>OutboxViewer</name>
    <message>
        <source>Practice outbox</source>
        <translation>Übungs-Postausgang</translation>
    </message>
    <message>
        <source>These are the messages your practice send produced. Nothing left this computer: each customer would have received only their own message.</source>
        <translation>Dies sind die Nachrichten aus Ihrem Übungsversand. Nichts hat diesen Computer verlassen: Jeder Kunde hätte nur seine eigene Nachricht erhalten.</translation>
    </message>
    <message>
        <source>Received messages</source>
        <translation>Empfangene Nachrichten</translation>
    </message>
    <message>
        <source>Message headers</source>
        <translation>Nachrichtenkopf</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <source>Formatted</source>
        <translation>Formatiert</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Liste aktualisieren</translation>
    </message>
    <message numerus="yes">
        <source>%Ln messages received.</source>
        <translation>
            <numerusform>%Ln Nachricht empfangen.</numerusform>
            <numerusform>%Ln Nachrichten empfangen.</numerusform>
        </translation>
    </message>
    <message>
        <source>No practice messages yet: send some from the Send step.</source>
        <translation>Noch keine Übungsnachrichten: Senden Sie welche im Schritt „Senden“.</translation>
    </message>
    <message>
        <source>This message could not be read.</source>
        <translation>Diese Nachricht konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>From: {0}
To: {1}
Subject: {2}
Date: {3}</source>
        <translation>Von: {0}
An: {1}
Betreff: {2}
Datum: {3}</translation>
    </message>
    <message>
        <source>
Attached: {0}</source>
        <translation>
Anhang: {0}</translation>
    </message>
</context>
<context>
    <name>PaceBox</name>
    <message>
        <source>Pace (set from your mail provider&apos;s limits)</source>
        <translation>Tempo (nach den Limits Ihres E-Mail-Anbieters)</translation>
    </message>
    <message>
        <source>Connections at once</source>
        <translation>Gleichzeitige Verbindungen</translation>
    </message>
    <message>
        <source>as fast as allowed</source>
        <translation>so schnell wie erlaubt</translation>
    </message>
    <message>
        <source> a minute</source>
        <translation> pro Minute</translation>
    </message>
    <message>
        <source>Messages a minute at most</source>
        <translation>Höchstens Nachrichten pro Minute</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <source> a day</source>
        <translation> pro Tag</translation>
    </message>
    <message>
        <source>Messages a day at most</source>
        <translation>Höchstens Nachrichten pro Tag</translation>
    </message>
    <message>
        <source>Start later, at</source>
        <translation>Später starten, um</translation>
    </message>
    <message>
        <source>Start sending later</source>
        <translation>Senden später starten</translation>
    </message>
    <message>
        <source>When sending starts (your time zone)</source>
        <translation>Wann das Senden startet (Ihre Zeitzone)</translation>
    </message>
    <message>
        <source>Connections at once:</source>
        <translation>Gleichzeitige Verbindungen:</translation>
    </message>
    <message>
        <source>Messages a minute:</source>
        <translation>Nachrichten pro Minute:</translation>
    </message>
    <message>
        <source>Messages a day:</source>
        <translation>Nachrichten pro Tag:</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Wann:</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This step is not available in this version yet.</source>
        <translation>Dieser Schritt ist in dieser Version noch nicht verfügbar.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Each customer gets their own message, exactly as shown here. Nobody sees who else got one.</source>
        <translation>Jeder Kunde erhält seine eigene Nachricht, genau wie hier gezeigt. Niemand sieht, wer sonst eine erhalten hat.</translation>
    </message>
    <message>
        <source>Search by name or e-mail address</source>
        <translation>Nach Name oder E-Mail-Adresse suchen</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Suche löschen</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ &amp;Zurück</translation>
    </message>
    <message>
        <source>Previous message</source>
        <translation>Vorherige Nachricht</translation>
    </message>
    <message>
        <source>Previous message (Alt+Left)</source>
        <translation>Vorherige Nachricht (Alt+Links)</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>&amp;Weiter ▶</translation>
    </message>
    <message>
        <source>Next message</source>
        <translation>Nächste Nachricht</translation>
    </message>
    <message>
        <source>Next message (Alt+Right)</source>
        <translation>Nächste Nachricht (Alt+Rechts)</translation>
    </message>
    <message>
        <source>Message number</source>
        <translation>Nachrichtennummer</translation>
    </message>
    <message>
        <source>Spreadsheet row to show</source>
        <translation>Anzuzeigende Tabellenzeile</translation>
    </message>
    <message>
        <source>&amp;Go to row</source>
        <translation>Zu Zeile &amp;gehen</translation>
    </message>
    <message>
        <source>Go to spreadsheet row</source>
        <translation>Zur Tabellenzeile gehen</translation>
    </message>
    <message>
        <source>Spreadsheet row:</source>
        <translation>Tabellenzeile:</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Angehängte Dateien</translation>
    </message>
    <message>
        <source>In reply to</source>
        <translation>Antwort auf</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Dateien:</translation>
    </message>
    <message>
        <source>In reply to:</source>
        <translation>Antwort auf:</translation>
    </message>
    <message>
        <source>Values worth a second look</source>
        <translation>Werte, die Sie prüfen sollten</translation>
    </message>
    <message>
        <source>Message as plain text</source>
        <translation>Nachricht als reiner Text</translation>
    </message>
    <message>
        <source>Message as formatted text</source>
        <translation>Nachricht als formatierter Text</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <source>Formatted</source>
        <translation>Formatiert</translation>
    </message>
    <message>
        <source>Message body</source>
        <translation>Nachrichtentext</translation>
    </message>
    <message>
        <source>Plain or formatted version</source>
        <translation>Reine oder formatierte Version</translation>
    </message>
    <message>
        <source>Preview status</source>
        <translation>Vorschaustatus</translation>
    </message>
    <message>
        <source>Open a customer spreadsheet and write the apology first.</source>
        <translation>Öffnen Sie zuerst eine Kundentabelle und schreiben Sie die Entschuldigung.</translation>
    </message>
    <message>
        <source>Open a customer spreadsheet first (step 1).</source>
        <translation>Öffnen Sie zuerst eine Kundentabelle (Schritt 1).</translation>
    </message>
    <message>
        <source>Write the apology first (step 2).</source>
        <translation>Schreiben Sie zuerst die Entschuldigung (Schritt 2).</translation>
    </message>
    <message>
        <source>Preparing the messages…</source>
        <translation>Nachrichten werden vorbereitet…</translation>
    </message>
    <message>
        <source>Nobody is in the audience: check the customers and the filter (step 1).</source>
        <translation>Keine Empfänger: Prüfen Sie die Kunden und den Filter (Schritt 1).</translation>
    </message>
    <message>
        <source>These cannot be sent yet: {0}</source>
        <translation>Diese können noch nicht gesendet werden: {0}</translation>
    </message>
    <message>
        <source>Row {0} is not among the recipients: it has a problem, is filtered out, or is not in the spreadsheet. See step 1.</source>
        <translation>Zeile {0} gehört nicht zu den Empfängern: Sie hat ein Problem, ist herausgefiltert oder steht nicht in der Tabelle. Siehe Schritt 1.</translation>
    </message>
    <message>
        <source>Message {0} of {1}</source>
        <translation>Nachricht {0} von {1}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipients match.</source>
        <translation>
            <numerusform>%Ln Empfänger gefunden.</numerusform>
            <numerusform>%Ln Empfänger gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody matches “{0}”.</source>
        <translation>Keine Treffer für „{0}“.</translation>
    </message>
    <message>
        <source>(your account, chosen in step 4)</source>
        <translation>(Ihr Konto, gewählt in Schritt 4)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Turn on the formatted version in step 2 to send one.</source>
        <translation>Aktivieren Sie die formatierte Version in Schritt 2, um eine zu senden.</translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message>
        <source>4. Progress</source>
        <translation>4. Fortschritt</translation>
    </message>
    <message>
        <source>Sending progress</source>
        <translation>Sendefortschritt</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Pause sending</source>
        <translation>Senden pausieren</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Resume sending</source>
        <translation>Senden fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Stop sending</source>
        <translation>Senden stoppen</translation>
    </message>
    <message>
        <source>&amp;Stop waiting</source>
        <translation>&amp;Nicht mehr warten</translation>
    </message>
    <message>
        <source>Do not go on by itself after the daily limit</source>
        <translation>Nach dem Tageslimit nicht automatisch weitermachen</translation>
    </message>
    <message>
        <source>Resend &amp;failed only</source>
        <translation>Nur fehlgeschlagene erneut sen&amp;den</translation>
    </message>
    <message>
        <source>Resend failed only</source>
        <translation>Nur fehlgeschlagene erneut senden</translation>
    </message>
    <message>
        <source>&amp;Export delivery report…</source>
        <translation>Zustellbericht &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export delivery report</source>
        <translation>Zustellbericht exportieren</translation>
    </message>
    <message>
        <source>Sending log</source>
        <translation>Sendeprotokoll</translation>
    </message>
    <message>
        <source>So far: {0}.</source>
        <translation>Bisher: {0}.</translation>
    </message>
    <message>
        <source>Counts per state</source>
        <translation>Anzahl je Status</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Started: {0} to send.</source>
        <translation>Gestartet: {0} zu senden.</translation>
    </message>
    <message>
        <source>Sent to {0} (row {1}).</source>
        <translation>Gesendet an {0} (Zeile {1}).</translation>
    </message>
    <message>
        <source>Failed for {0} (row {1}): {2}</source>
        <translation>Fehlgeschlagen für {0} (Zeile {1}): {2}</translation>
    </message>
    <message>
        <source>Will retry {0} (row {1}) in {2}: {3}</source>
        <translation>Neuer Versuch für {0} (Zeile {1}) in {2}: {3}</translation>
    </message>
    <message>
        <source>In doubt: {0}</source>
        <translation>Unklar: {0}</translation>
    </message>
    <message>
        <source>Paused. Messages already on their way finish.</source>
        <translation>Pausiert. Nachrichten, die schon unterwegs sind, werden noch fertig gesendet.</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>Fortgesetzt.</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>This campaign is part-sent: {0} sent, {1} still to go. To continue, type the number in step 3 and press Send.</source>
        <translation>Diese Kampagne ist teilweise gesendet: {0} gesendet, {1} noch offen. Um fortzufahren, geben Sie in Schritt 3 die Zahl ein und klicken Sie auf „Senden“.</translation>
    </message>
    <message>
        <source>The app goes on by itself each day while it is open; or send again later.</source>
        <translation>Das Programm macht jeden Tag automatisch weiter, solange es geöffnet ist; oder senden Sie später erneut.</translation>
    </message>
    <message>
        <source>Password (or app password) for {0}:</source>
        <translation>Passwort (oder App-Passwort) für {0}:</translation>
    </message>
    <message>
        <source>The last password for {0} was not accepted.</source>
        <translation>Das letzte Passwort für {0} wurde nicht akzeptiert.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Sign in again with “Add or change account…” in step 1 of Send.</source>
        <translation>Melden Sie sich mit „Konto hinzufügen oder ändern…“ in Schritt 1 von „Senden“ erneut an.</translation>
    </message>
    <message>
        <source>The password was forgotten; you are asked for it again next time.</source>
        <translation>Das Passwort wurde vergessen; Sie werden beim nächsten Mal erneut danach gefragt.</translation>
    </message>
    <message>
        <source>To change the account itself, use “Add or change account…” in step 1 of Send.</source>
        <translation>Um das Konto selbst zu ändern, verwenden Sie „Konto hinzufügen oder ändern…“ in Schritt 1 von „Senden“.</translation>
    </message>
    <message>
        <source>Sending a test to {0}…</source>
        <translation>Test wird an {0} gesendet…</translation>
    </message>
    <message>
        <source>Test message kept in the practice outbox.</source>
        <translation>Die Testnachricht liegt im Übungs-Postausgang.</translation>
    </message>
    <message>
        <source>Test message sent to {0} ({1}).</source>
        <translation>Testnachricht an {0} gesendet ({1}).</translation>
    </message>
    <message>
        <source>Save the campaign before sending</source>
        <translation>Kampagne vor dem Senden speichern</translation>
    </message>
    <message>
        <source>Apology campaigns (*.apology)</source>
        <translation>Entschuldigungskampagnen (*.apology)</translation>
    </message>
    <message>
        <source>Stopping after the messages already on their way…</source>
        <translation>Wird nach den bereits unterwegs befindlichen Nachrichten gestoppt…</translation>
    </message>
    <message>
        <source>Sending starts by itself at {0} (in {1}) while the app stays open.</source>
        <translation>Das Senden startet automatisch um {0} (in {1}), solange das Programm geöffnet bleibt.</translation>
    </message>
    <message>
        <source>Today&apos;s limit is reached. The rest goes on by itself at {0} (in {1}) while the app stays open; or close it and send again then.</source>
        <translation>Das Tageslimit ist erreicht. Der Rest wird automatisch um {0} (in {1}) gesendet, solange das Programm geöffnet bleibt; oder schließen Sie es und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>It is time: sending starts.</source>
        <translation>Es ist so weit: Das Senden startet.</translation>
    </message>
    <message>
        <source>The daily limit allows more now: sending goes on.</source>
        <translation>Das Tageslimit erlaubt jetzt mehr: Das Senden geht weiter.</translation>
    </message>
    <message>
        <source>The campaign changed, so sending does not go on by itself; type the number again to send.</source>
        <translation>Die Kampagne wurde geändert, daher geht das Senden nicht automatisch weiter; geben Sie die Zahl erneut ein, um zu senden.</translation>
    </message>
    <message>
        <source>{0} of them are no longer in the list or are left out by the filter, so they cannot be sent again; mark them as sent or leave them.</source>
        <translation>{0} davon sind nicht mehr in der Liste oder werden vom Filter ausgelassen und können daher nicht erneut gesendet werden; markieren Sie sie als gesendet oder lassen Sie sie.</translation>
    </message>
    <message>
        <source>{0} marked as sent.</source>
        <translation>{0} als gesendet markiert.</translation>
    </message>
    <message>
        <source>{0} will go again with the next Send.</source>
        <translation>{0} wird beim nächsten Senden erneut gesendet.</translation>
    </message>
    <message>
        <source>The practice outbox has no mailbox to read.</source>
        <translation>Der Übungs-Postausgang hat kein Postfach zum Lesen.</translation>
    </message>
    <message>
        <source>Reading the mailbox of {0}…</source>
        <translation>Postfach von {0} wird gelesen…</translation>
    </message>
    <message>
        <source>{0} is in the list now; Send goes to it after you type the count.</source>
        <translation>{0} ist jetzt in der Liste; „Senden“ geht an diese Adresse, nachdem Sie die Anzahl eingegeben haben.</translation>
    </message>
    <message>
        <source>The failed messages are for customers no longer in the list.</source>
        <translation>Die fehlgeschlagenen Nachrichten sind für Kunden, die nicht mehr in der Liste sind.</translation>
    </message>
    <message>
        <source>Send the {0} again, to those customers only?</source>
        <translation>{0} erneut senden, nur an diese Kunden?</translation>
    </message>
    <message>
        <source>Resend failed only</source>
        <translation>Nur fehlgeschlagene erneut senden</translation>
    </message>
    <message>
        <source>Export the delivery report</source>
        <translation>Zustellbericht exportieren</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx);;CSV-Datei (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Delivery report with %Ln rows saved to {0}.</source>
        <translation>
            <numerusform>Zustellbericht mit %Ln Zeile in {0} gespeichert.</numerusform>
            <numerusform>Zustellbericht mit %Ln Zeilen in {0} gespeichert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TestBox</name>
    <message>
        <source>2. Check it in your own inbox first</source>
        <translation>2. Erst im eigenen Posteingang prüfen</translation>
    </message>
    <message>
        <source>Send a &amp;test to me</source>
        <translation>&amp;Test an mich senden</translation>
    </message>
    <message>
        <source>Send a test to me</source>
        <translation>Test an mich senden</translation>
    </message>
    <message>
        <source>Send without a test (I have checked the messages)</source>
        <translation>Ohne Test senden (ich habe die Nachrichten geprüft)</translation>
    </message>
    <message>
        <source>Send without a test</source>
        <translation>Ohne Test senden</translation>
    </message>
    <message>
        <source>A test of this version went to {0} at {1}. Read it there before you send to everyone.</source>
        <translation>Ein Test dieser Version ging an {0} um {1}. Lesen Sie ihn dort, bevor Sie an alle senden.</translation>
    </message>
    <message>
        <source>the practice outbox</source>
        <translation>den Übungs-Postausgang</translation>
    </message>
    <message>
        <source>You chose to send this version without a test.</source>
        <translation>Sie haben gewählt, diese Version ohne Test zu senden.</translation>
    </message>
    <message>
        <source>The apology changed since your last test; send yourself a new one.</source>
        <translation>Die Entschuldigung wurde seit Ihrem letzten Test geändert; senden Sie sich einen neuen.</translation>
    </message>
    <message>
        <source>Nothing has gone to you yet: send yourself a test and read it first.</source>
        <translation>Sie haben noch nichts erhalten: Senden Sie sich einen Test und lesen Sie ihn zuerst.</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Testergebnis</translation>
    </message>
</context>
<context>
    <name>WroteInDialog</name>
    <message>
        <source>Answer everyone who wrote in</source>
        <translation>Allen antworten, die geschrieben haben</translation>
    </message>
    <message>
        <source>Each person who wrote to you becomes one customer, and gets their own answer in their own conversation. Your own messages and automatic ones (out of office, delivery reports) are left out.</source>
        <translation>Jede Person, die Ihnen geschrieben hat, wird zu einem Kunden und erhält ihre eigene Antwort in ihrer eigenen Unterhaltung. Ihre eigenen Nachrichten und automatische (Abwesenheitsnotizen, Zustellberichte) werden ausgelassen.</translation>
    </message>
    <message>
        <source>A folder of my &amp;mailbox</source>
        <translation>Ein Ordner in meinem &amp;Postfach</translation>
    </message>
    <message>
        <source>Read a folder of my mailbox</source>
        <translation>Einen Ordner in meinem Postfach lesen</translation>
    </message>
    <message>
        <source>Account whose mailbox is read</source>
        <translation>Konto, dessen Postfach gelesen wird</translation>
    </message>
    <message>
        <source>Mailbox folder</source>
        <translation>Postfachordner</translation>
    </message>
    <message>
        <source>Mail I &amp;exported (.mbox, or a folder of .eml)</source>
        <translation>Von mir &amp;exportierte E-Mails (.mbox oder ein Ordner mit .eml)</translation>
    </message>
    <message>
        <source>Read exported mail</source>
        <translation>Exportierte E-Mails lesen</translation>
    </message>
    <message>
        <source>Exported mail file or folder</source>
        <translation>Datei oder Ordner mit exportierten E-Mails</translation>
    </message>
    <message>
        <source>an .mbox file, or a folder of .eml files</source>
        <translation>eine .mbox-Datei oder ein Ordner mit .eml-Dateien</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <source>Choose an .mbox or .eml file</source>
        <translation>Eine .mbox- oder .eml-Datei wählen</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <source>Choose a folder of .eml files</source>
        <translation>Einen Ordner mit .eml-Dateien wählen</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>Empfangen ab</translation>
    </message>
    <message>
        <source>Only messages received from a day on</source>
        <translation>Nur Nachrichten, die ab einem Tag empfangen wurden</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>until</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Only messages received until a day</source>
        <translation>Nur Nachrichten, die bis zu einem Tag empfangen wurden</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>Subject holds these words</source>
        <translation>Betreff enthält diese Wörter</translation>
    </message>
    <message>
        <source>e.g. invoice</source>
        <translation>z. B. Rechnung</translation>
    </message>
    <message>
        <source>Sender holds this text</source>
        <translation>Absender enthält diesen Text</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Exported mail:</source>
        <translation>Exportierte E-Mails:</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>Subject holds:</source>
        <translation>Betreff enthält:</translation>
    </message>
    <message>
        <source>Sender holds:</source>
        <translation>Absender enthält:</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>Was fehlt</translation>
    </message>
    <message>
        <source>&amp;Find the people</source>
        <translation>Personen &amp;finden</translation>
    </message>
    <message>
        <source>Find the people who wrote in</source>
        <translation>Personen finden, die geschrieben haben</translation>
    </message>
    <message>
        <source>A folder of my mailbox (add your account in the Send step first)</source>
        <translation>Ein Ordner in meinem Postfach (zuerst Ihr Konto im Schritt „Senden“ hinzufügen)</translation>
    </message>
    <message>
        <source>Exported mail</source>
        <translation>Exportierte E-Mails</translation>
    </message>
    <message>
        <source>Mail (*.mbox *.mbx *.eml);;All files (*)</source>
        <translation>E-Mails (*.mbox *.mbx *.eml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>A folder of .eml files</source>
        <translation>Ein Ordner mit .eml-Dateien</translation>
    </message>
    <message>
        <source>Type the folder to read, for example INBOX.</source>
        <translation>Geben Sie den zu lesenden Ordner ein, zum Beispiel INBOX.</translation>
    </message>
    <message>
        <source>Choose the exported .mbox file or .eml folder.</source>
        <translation>Wählen Sie die exportierte .mbox-Datei oder den .eml-Ordner.</translation>
    </message>
    <message>
        <source>The first day comes after the last; swap them.</source>
        <translation>Der erste Tag liegt nach dem letzten; tauschen Sie sie.</translation>
    </message>
</context>
</TS>

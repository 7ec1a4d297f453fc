<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AccountBox</name>
    <message>
        <source>1. Send from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add or change account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add or change account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open practice outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open practice outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This campaign sends from the mail account “{0}”, which is not set up on this computer, so the practice outbox is chosen for now. Add that account with “Add or change account…” before you send for real.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice: messages go to an outbox on this computer, not to your customers. Open it to read what each customer would get. To send for real, add your own mail account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft Graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Gmail API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages go out from {0} through {1}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Your mail account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apologies are sent from your own mailbox, one customer at a time. Type your address; the server settings fill in by themselves. For more mail than your mailbox allows, choose a sending service under Provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name, as customers will see it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Sam from Juniper &amp; Oak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you@yourshop.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What password to use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail server (SMTP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>smtp.yourprovider.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (usually port 465)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (only for a server on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usually your e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password or app password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an app &amp;password instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an app password instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send through Microsoft &amp;Graph instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send through Microsoft Graph instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages a day at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages a minute at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short name for this account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the address, unless you name it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;egion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;curity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Daily limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate li&amp;mit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account &amp;label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox (for bounces and replies)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox server (IMAP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imap.yourprovider.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (usually port 993)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS (usually port 143)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Po&amp;rt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Securit&amp;y:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the password is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other (enter the server yourself)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SMTP user name your sending service gave you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in with {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in with {0} instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in with {0} is not set up in this copy of Apology Composer yet; ask whoever installed it (see docs/sign-in.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until then, an app password works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as {0}. No password is kept, only the sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your browser opens {0}&apos;s own sign-in page; Apology Composer never sees your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no password store, so the sign-in is not kept: you sign in again once each session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no password store, so the password is not saved: the app will ask for it once each session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you to sign in in your browser… (Cancel stops waiting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your administrator can approve it at {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with {0} below; an app password also works (choose it below).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your provider for its SMTP server, port and security.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} no longer accepts passwords from mail programs: sign in with Microsoft below instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with {0} to send from this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the password (or app password) for this mailbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account works: messages can be sent from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account does not work yet. {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArriveBox</name>
    <message>
        <source>Will it arrive?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will it arrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the check of your domain found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other mail your domain sends a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the domain again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other mail your domain sends (receipts, newsletters), about:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up the records of {0}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>Column to filter on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not contain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is more than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is less than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is one of (a, b, c)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value to compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmBox</name>
    <message>
        <source>3. Send to everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the number of recipients to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending now; the progress below shows how far it got.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending unlocks once that is done, here on this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending stays locked until the problem above is fixed; the step marked with a warning on the left shows where.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sends {0}, one to each customer, from {1}. To confirm, type the number {2}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You typed {0}, but {1} would go out; type {2} to send them, or go back to Customers if that number looks wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is waiting to be sent; the failed and in-doubt messages below need your decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is left to send: every customer in the list has it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Field name for the message: {{ %s }}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheet row %d</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the spreadsheet that lists the customers who should get the apology. Each row becomes one personal e-mail to one person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open spreadsheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open spreadsheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheet file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop your customer spreadsheet here,
or click “Open spreadsheet…” above.

Excel, LibreOffice and CSV files all work. The first row should name the columns (Email, First name, …).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which columns hold what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select all rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who gets the apology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only people who match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all of these</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any of these</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match all or any conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a condition…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a filter condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send only to some rows, e.g. Country is France</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone with a usable address gets it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These rows will not get the apology. Click one to see it in the table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do-not-contact list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a do-not-contact list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file of addresses that must never get this e-mail (unsubscribed people).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop using this list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop using the do-not-contact list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the list of customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheets (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the list of people who must not be contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address lists (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No spreadsheet open yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(saved in the campaign)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s — %s rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers saved in the campaign — %s rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (%s addresses)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s addresses from the saved list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to %s of %s rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same address as an earlier row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %s more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rows are left out: every address is usable.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>The campaign is being sent; wait until it has finished to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A campaign is being sent; wait until it has finished (or stop it) before opening or starting another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign is being sent; wait until it has finished to load a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taking in %s customers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign is being sent; it is saved as it goes. Save it after.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to save the campaign first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the customer spreadsheet first; a campaign needs its customers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the addresses…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the apology…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out who gets it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unsaved work could not be read; it was set aside.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoubtBox</name>
    <message>
        <source>Messages that may already have gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost just as these were handed over, so the mail server may have delivered them. “Look in Sent” finds the ones that went; then decide for the ones you select (or for all of them):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages in doubt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send these again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the messages in doubt again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the messages in doubt as sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Look in Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for the messages in doubt in the Sent folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {0}: {1} — {2}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MailboxBox</name>
    <message>
        <source>5. What came back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What came back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message can still bounce after it was sent, and customers may answer. Check your mailbox to see both here (nothing in it is changed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the &amp;mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the mailbox for bounces and replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the mailbox check found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounces and replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the bounced address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To write again to an address that bounced, select it and correct the address; the next Send goes to the corrected one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} bounced. Type the corrected address; the next Send goes to it:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Apology Composer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ready: see %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test first, then send %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who gets the apology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is being done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open customer &amp;spreadsheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New campaign from the &amp;mailbox…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Apology Composer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Apology Composer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apology Composer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings are kept in {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections trust {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open your customer list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody to send to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s rows left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the apology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s to fix before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ready yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s messages to read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to send %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customers yet: open a spreadsheet to begin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s rows read; checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to %s of %s rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s[*] — Apology Composer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the changes to this campaign before closing it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you don&apos;t save, your changes will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a campaign or a customer list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns and spreadsheets (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the list of customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheets (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the people who wrote in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>apology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apology campaigns (*%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the edited list?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load “%s” into this campaign?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the current list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s sent, %s in doubt (they may have gone: you decide), %s not sent yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s sent, %s not sent yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending was interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending “%s” was interrupted before it finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open it to see them and carry on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apology Composer closed before “%s” was saved. Bring it back?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throw away</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message>
        <source>if empty, write…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fallback for %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written instead of %s for people whose cell is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the apology once. Personal fields such as {{ first_name }} are filled in for each customer, and each customer gets their own e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name or your shop&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your mailbox, chosen in step 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The apology is sent from the mailbox of the account chosen in step 4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the mail account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or set up the mailbox that sends it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Sorry about the invoice, {{ first_name }}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a personal field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put a column of the spreadsheet into the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also send a formatted version (Markdown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also send a formatted version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>**bold**, *italic*, lists and links become formatting; plain text is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a line to unsubscribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ends each message with a line inviting a reply with the word unsubscribe, and adds the List-Unsubscribe header mail programs show as a button. An apology needs neither; large senders to Gmail and Outlook.com are expected to have it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apology text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hi {{ first_name }},

I am so sorry about …

Type {{ to pick a personal field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal fields in the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One code for everyone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A different code for each, from the column:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A different code for each, from a file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. SORRY11</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code for everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column with the codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file of codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before you can send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What still blocks sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file of discount codes (one per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (%s codes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write {{ code }} in the message to give one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone gets %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the code everyone gets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each person gets the code in their own row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s codes for %s people: %s codes left over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s empty: give a fallback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all filled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s of the people getting it have no %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where a cell is empty, the fallback text is written instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The personal fields show here once the problem under “Before you can send” is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No personal fields yet. Type {{ or use “Insert field”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is ready; step 1, Customers, shows what is left to fix there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is ready; step 4, Send, shows what is left to do there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing: the message is ready.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxViewer</name>
    <message>
        <source>Practice outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These are the messages your practice send produced. Nothing left this computer: each customer would have received only their own message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formatted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 message received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} messages received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No practice messages yet: send some from the Send step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From: {0}
To: {1}
Subject: {2}
Date: {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Attached: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaceBox</name>
    <message>
        <source>Pace (set from your mail provider&apos;s limits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as fast as allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages a minute at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages a day at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start later, at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start sending later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When sending starts (your time zone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections at once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages a minute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages a day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This step is not available in this version yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each customer gets their own message, exactly as shown here. Nobody sees who else got one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name or e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous message (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next message (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheet row to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to spreadsheet row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheet row:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In reply to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In reply to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values worth a second look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message as plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message as formatted text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formatted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain or formatted version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a customer spreadsheet and write the apology first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a customer spreadsheet first (step 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the apology first (step 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is in the audience: check the customers and the filter (step 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These cannot be sent yet: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {0} is not among the recipients: it has a problem, is filtered out, or is not in the spreadsheet. See step 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 recipient matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} recipients match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody matches “{0}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(your account, chosen in step 4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on the formatted version in step 2 to send one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message>
        <source>4. Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not go on by itself after the daily limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend &amp;failed only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend failed only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export delivery report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export delivery report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>So far: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts per state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started: {0} to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to {0} (row {1}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed for {0} (row {1}): {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will retry {0} (row {1}) in {2}: {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In doubt: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused. Messages already on their way finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This campaign is part-sent: {0} sent, {1} still to go. To continue, type the number in step 3 and press Send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app goes on by itself each day while it is open; or send again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password (or app password) for {0}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last password for {0} was not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again with “Add or change account…” in step 1 of Send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password was forgotten; you are asked for it again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To change the account itself, use “Add or change account…” in step 1 of Send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending a test to {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the practice outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test message sent to {0} ({1}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the campaign before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apology campaigns (*.apology)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the messages already on their way…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending starts by itself at {0} (in {1}) while the app stays open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s limit is reached. The rest goes on by itself at {0} (in {1}) while the app stays open; or close it and send again then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is time: sending starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily limit allows more now: sending goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign changed, so sending does not go on by itself; type the number again to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of them are no longer in the list or are left out by the filter, so they cannot be sent again; mark them as sent or leave them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} marked as sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} will go again with the next Send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The practice outbox has no mailbox to read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the mailbox of {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is in the list now; Send goes to it after you type the count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The failed messages are for customers no longer in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the {0} again, to those customers only?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend failed only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the delivery report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery report with {0} rows saved to {1}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TestBox</name>
    <message>
        <source>2. Check it in your own inbox first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a &amp;test to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send without a test (I have checked the messages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send without a test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A test of this version went to {0} at {1}. Read it there before you send to everyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the practice outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You chose to send this version without a test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The apology changed since your last test; send yourself a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has gone to you yet: send yourself a test and read it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test result</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WroteInDialog</name>
    <message>
        <source>Answer everyone who wrote in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each person who wrote to you becomes one customer, and gets their own answer in their own conversation. Your own messages and automatic ones (out of office, delivery reports) are left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder of my &amp;mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read a folder of my mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account whose mailbox is read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail I &amp;exported (.mbox, or a folder of .eml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read exported mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported mail file or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an .mbox file, or a folder of .eml files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an .mbox or .eml file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder of .eml files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only messages received from a day on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only messages received until a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject holds these words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender holds this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject holds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender holds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find the people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the people who wrote in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder of my mailbox (add your account in the Send step first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail (*.mbox *.mbx *.eml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder of .eml files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the folder to read, for example INBOX.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the exported .mbox file or .eml folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first day comes after the last; swap them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

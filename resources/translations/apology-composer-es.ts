<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AccountBox</name>
    <message>
        <source>1. Send from</source>
        <translation>1. Enviar desde</translation>
    </message>
    <message>
        <source>Send from</source>
        <translation>Enviar desde</translation>
    </message>
    <message>
        <source>&amp;Add or change account…</source>
        <translation>&amp;Añadir o cambiar cuenta…</translation>
    </message>
    <message>
        <source>Add or change account</source>
        <translation>Añadir o cambiar cuenta</translation>
    </message>
    <message>
        <source>&amp;Open practice outbox</source>
        <translation>Abrir la &amp;bandeja de práctica</translation>
    </message>
    <message>
        <source>Open practice outbox</source>
        <translation>Abrir la bandeja de práctica</translation>
    </message>
    <message>
        <source>This campaign sends from the mail account “{0}”, which is not set up on this computer, so the practice outbox is chosen for now. Add that account with “Add or change account…” before you send for real.</source>
        <translation>Esta campaña se envía desde la cuenta de correo «{0}», que no está configurada en este equipo, así que por ahora se ha elegido la bandeja de práctica. Añada esa cuenta con «Añadir o cambiar cuenta…» antes de enviar de verdad.</translation>
    </message>
    <message>
        <source>Practice: messages go to an outbox on this computer, not to your customers. Open it to read what each customer would get. To send for real, add your own mail account.</source>
        <translation>Práctica: los mensajes van a una bandeja de salida de este equipo, no a sus clientes. Ábrala para leer lo que recibiría cada cliente. Para enviar de verdad, añada su propia cuenta de correo.</translation>
    </message>
    <message>
        <source>Microsoft Graph</source>
        <translation>Microsoft Graph</translation>
    </message>
    <message>
        <source>the Gmail API</source>
        <translation>la API de Gmail</translation>
    </message>
    <message>
        <source>Messages go out from {0} through {1}.</source>
        <translation>Los mensajes salen de {0} a través de {1}.</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Your mail account</source>
        <translation>Su cuenta de correo</translation>
    </message>
    <message>
        <source>Apologies are sent from your own mailbox, one customer at a time. Type your address; the server settings fill in by themselves. For more mail than your mailbox allows, choose a sending service under Provider.</source>
        <translation>Las disculpas se envían desde su propio buzón, de cliente en cliente. Escriba su dirección; los datos del servidor se rellenan solos. Si necesita enviar más correo del que permite su buzón, elija un servicio de envío en Proveedor.</translation>
    </message>
    <message>
        <source>Your name, as customers will see it</source>
        <translation>Su nombre, tal como lo verán los clientes</translation>
    </message>
    <message>
        <source>e.g. Sam from Juniper &amp; Oak</source>
        <translation>p. ej., Sam de Juniper &amp; Oak</translation>
    </message>
    <message>
        <source>Your e-mail address</source>
        <translation>Su dirección de correo electrónico</translation>
    </message>
    <message>
        <source>you@yourshop.com</source>
        <translation>nombre@sutienda.com</translation>
    </message>
    <message>
        <source>Mail provider</source>
        <translation>Proveedor de correo</translation>
    </message>
    <message>
        <source>What password to use</source>
        <translation>Qué contraseña usar</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Región</translation>
    </message>
    <message>
        <source>Mail server (SMTP)</source>
        <translation>Servidor de correo (SMTP)</translation>
    </message>
    <message>
        <source>smtp.yourprovider.com</source>
        <translation>smtp.suproveedor.com</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS (normalmente, puerto 587)</translation>
    </message>
    <message>
        <source>TLS (usually port 465)</source>
        <translation>TLS (normalmente, puerto 465)</translation>
    </message>
    <message>
        <source>None (only for a server on this computer)</source>
        <translation>Ninguna (solo para un servidor en este equipo)</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>usually your e-mail address</source>
        <translation>normalmente, su dirección de correo</translation>
    </message>
    <message>
        <source>Password or app password</source>
        <translation>Contraseña o contraseña de aplicación</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>Inicio de sesión</translation>
    </message>
    <message>
        <source>Use an app &amp;password instead</source>
        <translation>Usar una con&amp;traseña de aplicación en su lugar</translation>
    </message>
    <message>
        <source>Use an app password instead</source>
        <translation>Usar una contraseña de aplicación en su lugar</translation>
    </message>
    <message>
        <source>Send through Microsoft &amp;Graph instead</source>
        <translation>Enviar con Microsoft &amp;Graph en su lugar</translation>
    </message>
    <message>
        <source>Send through Microsoft Graph instead</source>
        <translation>Enviar con Microsoft Graph en su lugar</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <source>Messages a day at most</source>
        <translation>Máximo de mensajes al día</translation>
    </message>
    <message>
        <source> a minute</source>
        <translation> por minuto</translation>
    </message>
    <message>
        <source>Messages a minute at most</source>
        <translation>Máximo de mensajes por minuto</translation>
    </message>
    <message>
        <source>Short name for this account</source>
        <translation>Nombre corto para esta cuenta</translation>
    </message>
    <message>
        <source>the address, unless you name it</source>
        <translation>la dirección, salvo que le dé un nombre</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Su &amp;nombre:</translation>
    </message>
    <message>
        <source>E-mail &amp;address:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Proveedor:</translation>
    </message>
    <message>
        <source>R&amp;egion:</source>
        <translation>R&amp;egión:</translation>
    </message>
    <message>
        <source>Sign-in:</source>
        <translation>Inicio de sesión:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Con&amp;traseña:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;uerto:</translation>
    </message>
    <message>
        <source>Se&amp;curity:</source>
        <translation>Segurid&amp;ad:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nom&amp;bre de usuario:</translation>
    </message>
    <message>
        <source>&amp;Daily limit:</source>
        <translation>&amp;Límite diario:</translation>
    </message>
    <message>
        <source>Rate li&amp;mit:</source>
        <translation>Límite por &amp;minuto:</translation>
    </message>
    <message>
        <source>Account &amp;label:</source>
        <translation>Eti&amp;queta de la cuenta:</translation>
    </message>
    <message>
        <source>Mailbox (for bounces and replies)</source>
        <translation>Buzón (para rebotes y respuestas)</translation>
    </message>
    <message>
        <source>Mailbox server (IMAP)</source>
        <translation>Servidor del buzón (IMAP)</translation>
    </message>
    <message>
        <source>imap.yourprovider.com</source>
        <translation>imap.suproveedor.com</translation>
    </message>
    <message>
        <source>Mailbox port</source>
        <translation>Puerto del buzón</translation>
    </message>
    <message>
        <source>Mailbox security</source>
        <translation>Seguridad del buzón</translation>
    </message>
    <message>
        <source>TLS (usually port 993)</source>
        <translation>TLS (normalmente, puerto 993)</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 143)</source>
        <translation>STARTTLS (normalmente, puerto 143)</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;vidor:</translation>
    </message>
    <message>
        <source>Po&amp;rt:</source>
        <translation>Pue&amp;rto:</translation>
    </message>
    <message>
        <source>Securit&amp;y:</source>
        <translation>Seguri&amp;dad:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Pr&amp;obar conexión</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <source>Connection test results</source>
        <translation>Resultados de la prueba de conexión</translation>
    </message>
    <message>
        <source>Connection test verdict</source>
        <translation>Conclusión de la prueba de conexión</translation>
    </message>
    <message>
        <source>Where the password is kept</source>
        <translation>Dónde se guarda la contraseña</translation>
    </message>
    <message>
        <source>Other (enter the server yourself)</source>
        <translation>Otro (indique usted el servidor)</translation>
    </message>
    <message>
        <source>the SMTP user name your sending service gave you</source>
        <translation>el nombre de usuario SMTP que le dio su servicio de envío</translation>
    </message>
    <message>
        <source>&amp;Sign in with {0}…</source>
        <translation>&amp;Iniciar sesión con {0}…</translation>
    </message>
    <message>
        <source>Sign in with {0}</source>
        <translation>Iniciar sesión con {0}</translation>
    </message>
    <message>
        <source>&amp;Sign in with {0} instead</source>
        <translation>&amp;Iniciar sesión con {0} en su lugar</translation>
    </message>
    <message>
        <source>Sign-in with {0} is not set up in this copy of Apology Composer yet; ask whoever installed it (see docs/sign-in.md).</source>
        <translation>El inicio de sesión con {0} aún no está configurado en esta copia de Apology Composer; consulte a quien la instaló (vea docs/sign-in.md).</translation>
    </message>
    <message>
        <source>Until then, an app password works.</source>
        <translation>Mientras tanto, puede usar una contraseña de aplicación.</translation>
    </message>
    <message>
        <source>Signed in as {0}. No password is kept, only the sign-in.</source>
        <translation>Sesión iniciada como {0}. No se guarda ninguna contraseña, solo la sesión.</translation>
    </message>
    <message>
        <source>Your browser opens {0}&apos;s own sign-in page; Apology Composer never sees your password.</source>
        <translation>Su navegador abre la página de inicio de sesión de {0}; Apology Composer nunca ve su contraseña.</translation>
    </message>
    <message>
        <source>This computer has no password store, so the sign-in is not kept: you sign in again once each session.</source>
        <translation>Este equipo no tiene almacén de contraseñas, así que la sesión no se guarda: deberá iniciar sesión de nuevo cada vez que abra la aplicación.</translation>
    </message>
    <message>
        <source>This computer has no password store, so the password is not saved: the app will ask for it once each session.</source>
        <translation>Este equipo no tiene almacén de contraseñas, así que la contraseña no se guarda: la aplicación se la pedirá una vez cada vez que la abra.</translation>
    </message>
    <message>
        <source>Waiting for you to sign in in your browser… (Cancel stops waiting)</source>
        <translation>Esperando a que inicie sesión en su navegador… (pulse Cancelar para dejar de esperar)</translation>
    </message>
    <message>
        <source>Your administrator can approve it at {0}</source>
        <translation>Su administrador puede aprobarlo en {0}</translation>
    </message>
    <message>
        <source>Sign in with {0} below; an app password also works (choose it below).</source>
        <translation>Inicie sesión con {0} aquí abajo; también sirve una contraseña de aplicación (elíjala abajo).</translation>
    </message>
    <message>
        <source>Ask your provider for its SMTP server, port and security.</source>
        <translation>Pida a su proveedor el servidor SMTP, el puerto y la seguridad que debe usar.</translation>
    </message>
    <message>
        <source>{0} no longer accepts passwords from mail programs: sign in with Microsoft below instead.</source>
        <translation>{0} ya no acepta contraseñas de programas de correo: inicie sesión con Microsoft aquí abajo.</translation>
    </message>
    <message>
        <source>Sign in with {0} to send from this address.</source>
        <translation>Inicie sesión con {0} para enviar desde esta dirección.</translation>
    </message>
    <message>
        <source>Type the password (or app password) for this mailbox.</source>
        <translation>Escriba la contraseña (o la contraseña de aplicación) de este buzón.</translation>
    </message>
    <message>
        <source>Save &amp;anyway</source>
        <translation>Guardar de &amp;todos modos</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <source>The account works: messages can be sent from it.</source>
        <translation>La cuenta funciona: se pueden enviar mensajes desde ella.</translation>
    </message>
    <message>
        <source>The account does not work yet. {0}</source>
        <translation>La cuenta aún no funciona. {0}</translation>
    </message>
</context>
<context>
    <name>ArriveBox</name>
    <message>
        <source>Will it arrive?</source>
        <translation>¿Llegará?</translation>
    </message>
    <message>
        <source>Will it arrive</source>
        <translation>¿Llegará?</translation>
    </message>
    <message>
        <source>What the check of your domain found</source>
        <translation>Lo que encontró la comprobación de su dominio</translation>
    </message>
    <message>
        <source> a day</source>
        <translation> al día</translation>
    </message>
    <message>
        <source>Other mail your domain sends a day</source>
        <translation>Otro correo que su dominio envía al día</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>Comprobar de &amp;nuevo</translation>
    </message>
    <message>
        <source>Check the domain again</source>
        <translation>Comprobar de nuevo el dominio</translation>
    </message>
    <message>
        <source>Other mail your domain sends (receipts, newsletters), about:</source>
        <translation>Otro correo que envía su dominio (recibos, boletines), aproximadamente:</translation>
    </message>
    <message>
        <source>Looking up the records of {0}…</source>
        <translation>Consultando los registros de {0}…</translation>
    </message>
</context>
<context>
    <name>AudienceModel</name>
    <message>
        <source>row {0}</source>
        <translation>fila {0}</translation>
    </message>
    <message>
        <source>Spreadsheet row {0}</source>
        <translation>Fila {0} de la hoja</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>Column to filter on</source>
        <translation>Columna por la que filtrar</translation>
    </message>
    <message>
        <source>How to compare</source>
        <translation>Cómo comparar</translation>
    </message>
    <message>
        <source>is</source>
        <translation>es</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>no es</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>contiene</translation>
    </message>
    <message>
        <source>does not contain</source>
        <translation>no contiene</translation>
    </message>
    <message>
        <source>is more than</source>
        <translation>es mayor que</translation>
    </message>
    <message>
        <source>is less than</source>
        <translation>es menor que</translation>
    </message>
    <message>
        <source>is one of (a, b, c)</source>
        <translation>es uno de (a, b, c)</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>está vacío</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>no está vacío</translation>
    </message>
    <message>
        <source>Value to compare with</source>
        <translation>Valor con el que comparar</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>Quitar esta condición</translation>
    </message>
</context>
<context>
    <name>ConfirmBox</name>
    <message>
        <source>3. Send to everyone</source>
        <translation>3. Enviar a todos</translation>
    </message>
    <message>
        <source>Type the number of recipients to confirm</source>
        <translation>Escriba el número de destinatarios para confirmar</translation>
    </message>
    <message>
        <source>the number</source>
        <translation>el número</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Sending now; the progress below shows how far it got.</source>
        <translation>Enviando; el progreso de abajo muestra cuánto se ha enviado.</translation>
    </message>
    <message>
        <source>Sending unlocks once that is done, here on this page.</source>
        <translation>El envío se desbloqueará aquí, en esta página, cuando eso esté hecho.</translation>
    </message>
    <message>
        <source>Sending stays locked until the problem above is fixed; the step marked with a warning on the left shows where.</source>
        <translation>El envío seguirá bloqueado hasta que se resuelva el problema de arriba; el paso marcado con un aviso a la izquierda indica dónde está.</translation>
    </message>
    <message>
        <source>This sends {0}, one to each customer, from {1}. To confirm, type the number {2}:</source>
        <translation>Se enviarán {0}, uno a cada cliente, desde {1}. Para confirmar, escriba el número {2}:</translation>
    </message>
    <message>
        <source>You typed {0}, but {1} would go out; type {2} to send them, or go back to Customers if that number looks wrong.</source>
        <translation>Ha escrito {0}, pero se enviarían {1}; escriba {2} para enviarlos, o vuelva a Clientes si ese número no le parece correcto.</translation>
    </message>
    <message>
        <source>Nothing is waiting to be sent; the failed and in-doubt messages below need your decision.</source>
        <translation>No hay nada pendiente de envío; debe decidir qué hacer con los mensajes fallidos y sin confirmar de abajo.</translation>
    </message>
    <message>
        <source>Nothing is left to send: every customer in the list has it.</source>
        <translation>No queda nada por enviar: todos los clientes de la lista ya lo han recibido.</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Confirmación</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Field name for the message: {{ %s }}</source>
        <translation>Nombre del campo para el mensaje: {{ %s }}</translation>
    </message>
    <message>
        <source>Spreadsheet row %d</source>
        <translation>Fila %d de la hoja de cálculo</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Open the spreadsheet that lists the customers who should get the apology. Each row becomes one personal e-mail to one person.</source>
        <translation>Abra la hoja de cálculo con los clientes que deben recibir la disculpa. Cada fila se convierte en un correo personal para una persona.</translation>
    </message>
    <message>
        <source>Open spreadsheet…</source>
        <translation>Abrir hoja de cálculo…</translation>
    </message>
    <message>
        <source>Open spreadsheet</source>
        <translation>Abrir hoja de cálculo</translation>
    </message>
    <message>
        <source>Spreadsheet file</source>
        <translation>Archivo de hoja de cálculo</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Hoja:</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Hoja</translation>
    </message>
    <message>
        <source>Drop your customer spreadsheet here,
or click “Open spreadsheet…” above.

Excel, LibreOffice and CSV files all work. The first row should name the columns (Email, First name, …).</source>
        <translation>Suelte aquí su hoja de cálculo de clientes
o haga clic arriba en «Abrir hoja de cálculo…».

Sirven archivos de Excel, LibreOffice y CSV. La primera fila debe tener los nombres de las columnas (Correo, Nombre, …).</translation>
    </message>
    <message>
        <source>Which columns hold what</source>
        <translation>Qué contiene cada columna</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>No contactar</translation>
    </message>
    <message>
        <source>column</source>
        <translation>(columna)</translation>
    </message>
    <message>
        <source>Customer rows</source>
        <translation>Filas de clientes</translation>
    </message>
    <message>
        <source>Select all rows</source>
        <translation>Seleccionar todas las filas</translation>
    </message>
    <message>
        <source>Who gets the apology</source>
        <translation>Quién recibe la disculpa</translation>
    </message>
    <message>
        <source>Only people who match</source>
        <translation>Solo quienes cumplan</translation>
    </message>
    <message>
        <source>all of these</source>
        <translation>todas estas condiciones</translation>
    </message>
    <message>
        <source>any of these</source>
        <translation>alguna de estas condiciones</translation>
    </message>
    <message>
        <source>Match all or any conditions</source>
        <translation>Cumplir todas las condiciones o alguna</translation>
    </message>
    <message>
        <source>Add a condition…</source>
        <translation>Añadir una condición…</translation>
    </message>
    <message>
        <source>Add a filter condition</source>
        <translation>Añadir una condición de filtro</translation>
    </message>
    <message>
        <source>Send only to some rows, e.g. Country is France</source>
        <translation>Enviar solo a algunas filas, p. ej., País es Francia</translation>
    </message>
    <message>
        <source>Everyone with a usable address gets it.</source>
        <translation>La recibirán todas las personas con una dirección utilizable.</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>Excluidas</translation>
    </message>
    <message>
        <source>These rows will not get the apology. Click one to see it in the table.</source>
        <translation>Estas filas no recibirán la disculpa. Haga clic en una para verla en la tabla.</translation>
    </message>
    <message>
        <source>Rows left out</source>
        <translation>Filas excluidas</translation>
    </message>
    <message>
        <source>Do-not-contact list…</source>
        <translation>Lista de no contactar…</translation>
    </message>
    <message>
        <source>Choose a do-not-contact list</source>
        <translation>Elegir una lista de no contactar</translation>
    </message>
    <message>
        <source>A file of addresses that must never get this e-mail (unsubscribed people).</source>
        <translation>Un archivo de direcciones que nunca deben recibir este correo (personas que se dieron de baja).</translation>
    </message>
    <message>
        <source>Stop using this list</source>
        <translation>Dejar de usar esta lista</translation>
    </message>
    <message>
        <source>Stop using the do-not-contact list</source>
        <translation>Dejar de usar la lista de no contactar</translation>
    </message>
    <message>
        <source>Open the list of customers</source>
        <translation>Abrir la lista de clientes</translation>
    </message>
    <message>
        <source>Spreadsheets (%s)</source>
        <translation>Hojas de cálculo (%s)</translation>
    </message>
    <message>
        <source>Choose the list of people who must not be contacted</source>
        <translation>Elegir la lista de personas a las que no se debe contactar</translation>
    </message>
    <message>
        <source>Address lists (%s)</source>
        <translation>Listas de direcciones (%s)</translation>
    </message>
    <message>
        <source>No spreadsheet open yet.</source>
        <translation>Aún no hay ninguna hoja de cálculo abierta.</translation>
    </message>
    <message>
        <source>(saved in the campaign)</source>
        <translation>(guardada en la campaña)</translation>
    </message>
    <message numerus="yes">
        <source>%s — %Ln rows</source>
        <translation>
            <numerusform>%s — %Ln fila</numerusform>
            <numerusform>%s — %Ln filas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Customers saved in the campaign — %Ln rows</source>
        <translation>
            <numerusform>Clientes guardados en la campaña — %Ln fila</numerusform>
            <numerusform>Clientes guardados en la campaña — %Ln filas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%s (%Ln addresses)</source>
        <translation>
            <numerusform>%s (%Ln dirección)</numerusform>
            <numerusform>%s (%Ln direcciones)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln addresses from the saved list</source>
        <translation>
            <numerusform>%Ln dirección de la lista guardada</numerusform>
            <numerusform>%Ln direcciones de la lista guardada</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending to %s of %Ln rows</source>
        <translation>
            <numerusform>Se enviará a %s de %Ln fila</numerusform>
            <numerusform>Se enviará a %s de %Ln filas</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Address not valid</source>
        <translation>Dirección no válida</translation>
    </message>
    <message>
        <source>No address</source>
        <translation>Sin dirección</translation>
    </message>
    <message>
        <source>Same address as an earlier row</source>
        <translation>Misma dirección que una fila anterior</translation>
    </message>
    <message>
        <source>… and %s more</source>
        <translation>… y %s más</translation>
    </message>
    <message>
        <source>Left out (%s)</source>
        <translation>Excluidas (%s)</translation>
    </message>
    <message>
        <source>No rows are left out: every address is usable.</source>
        <translation>No se excluye ninguna fila: todas las direcciones son utilizables.</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>The campaign is being sent; wait until it has finished to change it.</source>
        <translation>La campaña se está enviando; espere a que termine para modificarla.</translation>
    </message>
    <message>
        <source>A campaign is being sent; wait until it has finished (or stop it) before opening or starting another.</source>
        <translation>Se está enviando una campaña; espere a que termine (o deténgala) antes de abrir o empezar otra.</translation>
    </message>
    <message>
        <source>The campaign is being sent; wait until it has finished to load a list.</source>
        <translation>La campaña se está enviando; espere a que termine para cargar una lista.</translation>
    </message>
    <message numerus="yes">
        <source>Taking in %Ln customers…</source>
        <translation>
            <numerusform>Incorporando %Ln cliente…</numerusform>
            <numerusform>Incorporando %Ln clientes…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %s…</source>
        <translation>Leyendo %s…</translation>
    </message>
    <message>
        <source>The campaign is being sent; it is saved as it goes. Save it after.</source>
        <translation>La campaña se está enviando y se va guardando sobre la marcha. Guárdela cuando termine.</translation>
    </message>
    <message>
        <source>Choose where to save the campaign first.</source>
        <translation>Primero elija dónde guardar la campaña.</translation>
    </message>
    <message>
        <source>Open the customer spreadsheet first; a campaign needs its customers.</source>
        <translation>Primero abra la hoja de cálculo de clientes; una campaña necesita sus clientes.</translation>
    </message>
    <message>
        <source>Sending stopped.</source>
        <translation>Envío detenido.</translation>
    </message>
    <message>
        <source>Checking the addresses…</source>
        <translation>Comprobando las direcciones…</translation>
    </message>
    <message>
        <source>Checking the apology…</source>
        <translation>Comprobando la disculpa…</translation>
    </message>
    <message>
        <source>Working out who gets it…</source>
        <translation>Calculando quién la recibe…</translation>
    </message>
    <message>
        <source>The unsaved work could not be read; it was set aside.</source>
        <translation>No se pudo leer el trabajo sin guardar; se ha guardado aparte.</translation>
    </message>
</context>
<context>
    <name>DoubtBox</name>
    <message>
        <source>Messages that may already have gone</source>
        <translation>Mensajes que quizá ya se enviaron</translation>
    </message>
    <message>
        <source>The connection was lost just as these were handed over, so the mail server may have delivered them. “Look in Sent” finds the ones that went; then decide for the ones you select (or for all of them):</source>
        <translation>La conexión se perdió justo al entregarlos, así que puede que el servidor de correo ya los haya enviado. «Buscar en Enviados» encuentra los que salieron; después decida qué hacer con los que seleccione (o con todos):</translation>
    </message>
    <message>
        <source>Messages in doubt</source>
        <translation>Mensajes sin confirmar</translation>
    </message>
    <message>
        <source>Send these again</source>
        <translation>Enviarlos de nuevo</translation>
    </message>
    <message>
        <source>Send the messages in doubt again</source>
        <translation>Enviar de nuevo los mensajes sin confirmar</translation>
    </message>
    <message>
        <source>Mark as sent</source>
        <translation>Marcar como enviados</translation>
    </message>
    <message>
        <source>Mark the messages in doubt as sent</source>
        <translation>Marcar como enviados los mensajes sin confirmar</translation>
    </message>
    <message>
        <source>&amp;Look in Sent</source>
        <translation>B&amp;uscar en Enviados</translation>
    </message>
    <message>
        <source>Look for the messages in doubt in the Sent folder</source>
        <translation>Buscar los mensajes sin confirmar en la carpeta Enviados</translation>
    </message>
    <message>
        <source>Row {0}: {1} — {2}</source>
        <translation>Fila {0}: {1} — {2}</translation>
    </message>
</context>
<context>
    <name>MailboxBox</name>
    <message>
        <source>5. What came back</source>
        <translation>5. Rebotes y respuestas</translation>
    </message>
    <message>
        <source>What came back</source>
        <translation>Rebotes y respuestas</translation>
    </message>
    <message>
        <source>A message can still bounce after it was sent, and customers may answer. Check your mailbox to see both here (nothing in it is changed).</source>
        <translation>Un mensaje puede rebotar incluso después de enviado, y los clientes pueden responder. Revise su buzón para ver ambas cosas aquí (no se modifica nada en él).</translation>
    </message>
    <message>
        <source>Check the &amp;mailbox</source>
        <translation>Re&amp;visar el buzón</translation>
    </message>
    <message>
        <source>Check the mailbox for bounces and replies</source>
        <translation>Revisar el buzón en busca de rebotes y respuestas</translation>
    </message>
    <message>
        <source>What the mailbox check found</source>
        <translation>Lo que encontró la revisión del buzón</translation>
    </message>
    <message>
        <source>Bounces and replies</source>
        <translation>Rebotes y respuestas</translation>
    </message>
    <message>
        <source>Correct the address…</source>
        <translation>Corregir la dirección…</translation>
    </message>
    <message>
        <source>Correct the bounced address</source>
        <translation>Corregir la dirección que rebotó</translation>
    </message>
    <message>
        <source>To write again to an address that bounced, select it and correct the address; the next Send goes to the corrected one.</source>
        <translation>Para volver a escribir a una dirección que rebotó, selecciónela y corríjala; el próximo envío irá a la dirección corregida.</translation>
    </message>
    <message>
        <source>Correct the address</source>
        <translation>Corregir la dirección</translation>
    </message>
    <message>
        <source>{0} bounced. Type the corrected address; the next Send goes to it:</source>
        <translation>{0} rebotó. Escriba la dirección corregida; el próximo envío irá a ella:</translation>
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
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Not ready: see %s</source>
        <translation>No está listo: vea %s</translation>
    </message>
    <message>
        <source>Test first, then send %s</source>
        <translation>Pruebe antes de enviar %s</translation>
    </message>
    <message>
        <source>Who gets the apology</source>
        <translation>Quién recibe la disculpa</translation>
    </message>
    <message>
        <source>What is being done</source>
        <translation>Qué se está haciendo</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Trabajando</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;New campaign</source>
        <translation>&amp;Nueva campaña</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>Open customer &amp;spreadsheet…</source>
        <translation>Abrir &amp;hoja de cálculo de clientes…</translation>
    </message>
    <message>
        <source>New campaign from the &amp;mailbox…</source>
        <translation>Nueva campaña desde el &amp;buzón…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>Guardar &amp;como…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;Next step</source>
        <translation>Paso &amp;siguiente</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>&amp;Preferencias</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>System language ({0})</source>
        <translation>Idioma del sistema ({0})</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About Apology Composer</source>
        <translation>&amp;Acerca de Apology Composer</translation>
    </message>
    <message>
        <source>Apology Composer speaks {0} from the next time it starts.</source>
        <translation>Apology Composer hablará {0} a partir de la próxima vez que se abra.</translation>
    </message>
    <message>
        <source>About Apology Composer</source>
        <translation>Acerca de Apology Composer</translation>
    </message>
    <message>
        <source>Apology Composer {0}</source>
        <translation>Apology Composer {0}</translation>
    </message>
    <message>
        <source>Settings are kept in {0}.</source>
        <translation>La configuración se guarda en {0}.</translation>
    </message>
    <message>
        <source>Connections trust {0}.</source>
        <translation>Las conexiones confían en {0}.</translation>
    </message>
    <message>
        <source>Open your customer list</source>
        <translation>Abra su lista de clientes</translation>
    </message>
    <message>
        <source>Nobody to send to</source>
        <translation>Nadie a quien enviar</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows left out</source>
        <translation>
            <numerusform>%Ln fila excluida</numerusform>
            <numerusform>%Ln filas excluidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to fix before sending</source>
        <translation>
            <numerusform>%Ln por corregir antes de enviar</numerusform>
            <numerusform>%Ln por corregir antes de enviar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln messages to read</source>
        <translation>
            <numerusform>%Ln mensaje para revisar</numerusform>
            <numerusform>%Ln mensajes para revisar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows read; checking…</source>
        <translation>
            <numerusform>%Ln fila leída; comprobando…</numerusform>
            <numerusform>%Ln filas leídas; comprobando…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending to %s of %Ln rows</source>
        <translation>
            <numerusform>Se enviará a %s de %Ln fila</numerusform>
            <numerusform>Se enviará a %s de %Ln filas</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Write the apology</source>
        <translation>Escriba la disculpa</translation>
    </message>
    <message>
        <source>Not ready yet</source>
        <translation>Aún no está listo</translation>
    </message>
    <message>
        <source>Ready to send %s</source>
        <translation>Listo para enviar %s</translation>
    </message>
    <message>
        <source>No customers yet: open a spreadsheet to begin.</source>
        <translation>Aún no hay clientes: abra una hoja de cálculo para empezar.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <source>%s[*] — Apology Composer</source>
        <translation>%s[*] — Apology Composer</translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation>Guardado: %s</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>Save the changes to this campaign before closing it?</source>
        <translation>¿Desea guardar los cambios de esta campaña antes de cerrarla?</translation>
    </message>
    <message>
        <source>If you don&apos;t save, your changes will be lost.</source>
        <translation>Si no los guarda, se perderán los cambios.</translation>
    </message>
    <message>
        <source>Open a campaign or a customer list</source>
        <translation>Abrir una campaña o una lista de clientes</translation>
    </message>
    <message>
        <source>Campaigns and spreadsheets (%s)</source>
        <translation>Campañas y hojas de cálculo (%s)</translation>
    </message>
    <message>
        <source>Open the list of customers</source>
        <translation>Abrir la lista de clientes</translation>
    </message>
    <message>
        <source>Spreadsheets (%s)</source>
        <translation>Hojas de cálculo (%s)</translation>
    </message>
    <message>
        <source>Finding the people who wrote in…</source>
        <translation>Buscando a las personas que le escribieron…</translation>
    </message>
    <message>
        <source>apology</source>
        <translation>disculpa</translation>
    </message>
    <message>
        <source>Save the campaign</source>
        <translation>Guardar la campaña</translation>
    </message>
    <message>
        <source>Apology campaigns (*%s)</source>
        <translation>Campañas de disculpa (*%s)</translation>
    </message>
    <message>
        <source>No recent campaigns</source>
        <translation>No hay campañas recientes</translation>
    </message>
    <message>
        <source>Load the edited list?</source>
        <translation>¿Cargar la lista modificada?</translation>
    </message>
    <message>
        <source>Load “%s” into this campaign?</source>
        <translation>¿Cargar «%s» en esta campaña?</translation>
    </message>
    <message>
        <source>the list</source>
        <translation>la lista</translation>
    </message>
    <message>
        <source>Load it</source>
        <translation>Cargarla</translation>
    </message>
    <message>
        <source>Keep the current list</source>
        <translation>Mantener la lista actual</translation>
    </message>
    <message>
        <source>%s sent, %s in doubt (they may have gone: you decide), %s not sent yet.</source>
        <translation>%s enviados, %s sin confirmar (puede que ya se enviaran: usted decide), %s sin enviar todavía.</translation>
    </message>
    <message>
        <source>%s sent, %s not sent yet.</source>
        <translation>%s enviados, %s sin enviar todavía.</translation>
    </message>
    <message>
        <source>Sending was interrupted</source>
        <translation>El envío se interrumpió</translation>
    </message>
    <message>
        <source>Sending “%s” was interrupted before it finished.</source>
        <translation>El envío de «%s» se interrumpió antes de terminar.</translation>
    </message>
    <message>
        <source>Open it to see them and carry on?</source>
        <translation>¿Desea abrirla para verlos y continuar?</translation>
    </message>
    <message>
        <source>Open it</source>
        <translation>Abrirla</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>Recuperar el trabajo sin guardar</translation>
    </message>
    <message>
        <source>Apology Composer closed before “%s” was saved. Bring it back?</source>
        <translation>Apology Composer se cerró antes de guardar «%s». ¿Desea recuperarlo?</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Recuperar</translation>
    </message>
    <message>
        <source>Throw away</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message>
        <source>if empty, write…</source>
        <translation>si está vacío, escribir…</translation>
    </message>
    <message>
        <source>Fallback for %s</source>
        <translation>Texto alternativo para %s</translation>
    </message>
    <message>
        <source>Written instead of %s for people whose cell is empty.</source>
        <translation>Se escribe en lugar de %s para las personas cuya celda está vacía.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Write the apology once. Personal fields such as {{ first_name }} are filled in for each customer, and each customer gets their own e-mail.</source>
        <translation>Escriba la disculpa una sola vez. Los campos personales como {{ first_name }} se rellenan para cada cliente, y cada cliente recibe su propio correo.</translation>
    </message>
    <message>
        <source>Your name or your shop&apos;s name</source>
        <translation>Su nombre o el de su tienda</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Nombre del remitente</translation>
    </message>
    <message>
        <source>your mailbox, chosen in step 4</source>
        <translation>su buzón, elegido en el paso 4</translation>
    </message>
    <message>
        <source>Sender e-mail address</source>
        <translation>Dirección de correo del remitente</translation>
    </message>
    <message>
        <source>The apology is sent from the mailbox of the account chosen in step 4.</source>
        <translation>La disculpa se envía desde el buzón de la cuenta elegida en el paso 4.</translation>
    </message>
    <message>
        <source>Mail account…</source>
        <translation>Cuenta de correo…</translation>
    </message>
    <message>
        <source>Choose the mail account</source>
        <translation>Elegir la cuenta de correo</translation>
    </message>
    <message>
        <source>Choose or set up the mailbox that sends it</source>
        <translation>Elegir o configurar el buzón desde el que se envía</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;De:</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <source>e.g. Sorry about the invoice, {{ first_name }}</source>
        <translation>p. ej., Disculpe lo de la factura, {{ first_name }}</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Asunto:</translation>
    </message>
    <message>
        <source>Insert field</source>
        <translation>Insertar campo</translation>
    </message>
    <message>
        <source>Insert a personal field</source>
        <translation>Insertar un campo personal</translation>
    </message>
    <message>
        <source>Put a column of the spreadsheet into the text</source>
        <translation>Poner una columna de la hoja de cálculo en el texto</translation>
    </message>
    <message>
        <source>Also send a formatted version (Markdown)</source>
        <translation>Enviar también una versión con formato (Markdown)</translation>
    </message>
    <message>
        <source>Also send a formatted version</source>
        <translation>Enviar también una versión con formato</translation>
    </message>
    <message>
        <source>**bold**, *italic*, lists and links become formatting; plain text is kept.</source>
        <translation>**negrita**, *cursiva*, listas y enlaces se convierten en formato; el texto sin formato se conserva.</translation>
    </message>
    <message>
        <source>Add a line to unsubscribe</source>
        <translation>Añadir una línea para darse de baja</translation>
    </message>
    <message>
        <source>Ends each message with a line inviting a reply with the word unsubscribe, and adds the List-Unsubscribe header mail programs show as a button. An apology needs neither; large senders to Gmail and Outlook.com are expected to have it.</source>
        <translation>Termina cada mensaje con una línea que invita a responder con la palabra «unsubscribe» y añade el encabezado List-Unsubscribe, que los programas de correo muestran como un botón. Una disculpa no necesita ninguna de las dos cosas; de quienes envían mucho correo a Gmail y Outlook.com se espera que lo tengan.</translation>
    </message>
    <message>
        <source>Apology text</source>
        <translation>Texto de la disculpa</translation>
    </message>
    <message>
        <source>Hi {{ first_name }},

I am so sorry about …

Type {{ to pick a personal field.</source>
        <translation>Hola, {{ first_name }}:

Lamento mucho lo de …

Escriba {{ para elegir un campo personal.</translation>
    </message>
    <message>
        <source>Language of dates and amounts</source>
        <translation>Idioma de fechas e importes</translation>
    </message>
    <message>
        <source>How {{ order_date | date }} and {{ amount | money }} are written in every message, e.g. 9 March 2026 or 9. März 2026.</source>
        <translation>Cómo se escriben {{ order_date | date }} y {{ amount | money }} en cada mensaje, por ejemplo 9 de marzo de 2026 o 9 March 2026.</translation>
    </message>
    <message>
        <source>Currency of amounts</source>
        <translation>Moneda de los importes</translation>
    </message>
    <message>
        <source>The currency {{ amount | money }} writes.</source>
        <translation>La moneda en la que escribe {{ amount | money }}.</translation>
    </message>
    <message>
        <source>&amp;Dates and amounts:</source>
        <translation>&amp;Fechas e importes:</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>&amp;Moneda:</translation>
    </message>
    <message>
        <source>Personal fields in the message</source>
        <translation>Campos personales del mensaje</translation>
    </message>
    <message>
        <source>Discount code</source>
        <translation>Código de descuento</translation>
    </message>
    <message>
        <source>No code</source>
        <translation>Sin código</translation>
    </message>
    <message>
        <source>One code for everyone:</source>
        <translation>Un mismo código para todos:</translation>
    </message>
    <message>
        <source>A different code for each, from the column:</source>
        <translation>Un código distinto para cada uno, de la columna:</translation>
    </message>
    <message>
        <source>A different code for each, from a file:</source>
        <translation>Un código distinto para cada uno, de un archivo:</translation>
    </message>
    <message>
        <source>e.g. SORRY11</source>
        <translation>p. ej., DISCULPA11</translation>
    </message>
    <message>
        <source>The code for everyone</source>
        <translation>El código para todos</translation>
    </message>
    <message>
        <source>Column with the codes</source>
        <translation>Columna con los códigos</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Elegir archivo…</translation>
    </message>
    <message>
        <source>Choose the file of codes</source>
        <translation>Elegir el archivo de códigos</translation>
    </message>
    <message>
        <source>Before you can send</source>
        <translation>Antes de poder enviar</translation>
    </message>
    <message>
        <source>What still blocks sending</source>
        <translation>Lo que aún impide el envío</translation>
    </message>
    <message>
        <source>Choose the file of discount codes (one per line)</source>
        <translation>Elegir el archivo de códigos de descuento (uno por línea)</translation>
    </message>
    <message>
        <source>Text files (*.txt *.csv);;All files (*)</source>
        <translation>Archivos de texto (*.txt *.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>saved codes</source>
        <translation>códigos guardados</translation>
    </message>
    <message numerus="yes">
        <source>%s (%Ln codes)</source>
        <translation>
            <numerusform>%s (%Ln código)</numerusform>
            <numerusform>%s (%Ln códigos)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln codes for {0}: {1}.</source>
        <translation>
            <numerusform>%Ln código para {0}: {1}.</numerusform>
            <numerusform>%Ln códigos para {0}: {1}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln people</source>
        <comment>codes for N people</comment>
        <translation>
            <numerusform>%Ln persona</numerusform>
            <numerusform>%Ln personas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln codes left over</source>
        <translation>
            <numerusform>sobra %Ln código</numerusform>
            <numerusform>sobran %Ln códigos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln empty: give a fallback</source>
        <translation>
            <numerusform>%Ln en blanco: indique un texto alternativo</numerusform>
            <numerusform>%Ln en blanco: indique un texto alternativo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln empty</source>
        <translation>
            <numerusform>%Ln en blanco</numerusform>
            <numerusform>%Ln en blanco</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of the people getting it have no %s.</source>
        <translation>
            <numerusform>%Ln de las personas que lo recibirán no tiene %s.</numerusform>
            <numerusform>%Ln de las personas que lo recibirán no tienen %s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Write {{ code }} in the message to give one.</source>
        <translation>Escriba {{ code }} en el mensaje para incluirlo.</translation>
    </message>
    <message>
        <source>Everyone gets %s.</source>
        <translation>Todos reciben %s.</translation>
    </message>
    <message>
        <source>Type the code everyone gets.</source>
        <translation>Escriba el código que recibirán todos.</translation>
    </message>
    <message>
        <source>Each person gets the code in their own row.</source>
        <translation>Cada persona recibe el código de su propia fila.</translation>
    </message>
    <message>
        <source>all filled</source>
        <translation>ninguno en blanco</translation>
    </message>
    <message>
        <source>Where a cell is empty, the fallback text is written instead.</source>
        <translation>Donde una celda está vacía, se escribe en su lugar el texto alternativo.</translation>
    </message>
    <message>
        <source>The personal fields show here once the problem under “Before you can send” is fixed.</source>
        <translation>Los campos personales aparecerán aquí cuando se resuelva el problema indicado en «Antes de poder enviar».</translation>
    </message>
    <message>
        <source>No personal fields yet. Type {{ or use “Insert field”.</source>
        <translation>Aún no hay campos personales. Escriba {{ o use «Insertar campo».</translation>
    </message>
    <message>
        <source>The message is ready; step 1, Customers, shows what is left to fix there.</source>
        <translation>El mensaje está listo; el paso 1, Clientes, muestra lo que queda por corregir allí.</translation>
    </message>
    <message>
        <source>The message is ready; step 4, Send, shows what is left to do there.</source>
        <translation>El mensaje está listo; el paso 4, Enviar, muestra lo que queda por hacer allí.</translation>
    </message>
    <message>
        <source>Nothing: the message is ready.</source>
        <translation>Nada: el mensaje está listo.</translation>
    </message>
</context>
<context>
    <name>OutboxViewer</name>
    <message>
        <source>Practice outbox</source>
        <translation>Bandeja de práctica</translation>
    </message>
    <message>
        <source>These are the messages your practice send produced. Nothing left this computer: each customer would have received only their own message.</source>
        <translation>Estos son los mensajes que generó su envío de práctica. Nada salió de este equipo: cada cliente habría recibido solo su propio mensaje.</translation>
    </message>
    <message>
        <source>Received messages</source>
        <translation>Mensajes recibidos</translation>
    </message>
    <message>
        <source>Message headers</source>
        <translation>Encabezados del mensaje</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Texto sin formato</translation>
    </message>
    <message>
        <source>Formatted</source>
        <translation>Con formato</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Actualizar la lista</translation>
    </message>
    <message numerus="yes">
        <source>%Ln messages received.</source>
        <translation>
            <numerusform>%Ln mensaje recibido.</numerusform>
            <numerusform>%Ln mensajes recibidos.</numerusform>
        </translation>
    </message>
    <message>
        <source>No practice messages yet: send some from the Send step.</source>
        <translation>Aún no hay mensajes de práctica: envíe algunos desde el paso Enviar.</translation>
    </message>
    <message>
        <source>This message could not be read.</source>
        <translation>No se pudo leer este mensaje.</translation>
    </message>
    <message>
        <source>From: {0}
To: {1}
Subject: {2}
Date: {3}</source>
        <translation>De: {0}
Para: {1}
Asunto: {2}
Fecha: {3}</translation>
    </message>
    <message>
        <source>
Attached: {0}</source>
        <translation>
Adjuntos: {0}</translation>
    </message>
</context>
<context>
    <name>PaceBox</name>
    <message>
        <source>Pace (set from your mail provider&apos;s limits)</source>
        <translation>Ritmo (según los límites de su proveedor de correo)</translation>
    </message>
    <message>
        <source>Connections at once</source>
        <translation>Conexiones simultáneas</translation>
    </message>
    <message>
        <source>as fast as allowed</source>
        <translation>lo máximo permitido</translation>
    </message>
    <message>
        <source> a minute</source>
        <translation> por minuto</translation>
    </message>
    <message>
        <source>Messages a minute at most</source>
        <translation>Máximo de mensajes por minuto</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <source> a day</source>
        <translation> al día</translation>
    </message>
    <message>
        <source>Messages a day at most</source>
        <translation>Máximo de mensajes al día</translation>
    </message>
    <message>
        <source>Start later, at</source>
        <translation>Empezar más tarde, el</translation>
    </message>
    <message>
        <source>Start sending later</source>
        <translation>Empezar el envío más tarde</translation>
    </message>
    <message>
        <source>When sending starts (your time zone)</source>
        <translation>Cuándo empieza el envío (su zona horaria)</translation>
    </message>
    <message>
        <source>Connections at once:</source>
        <translation>Conexiones simultáneas:</translation>
    </message>
    <message>
        <source>Messages a minute:</source>
        <translation>Mensajes por minuto:</translation>
    </message>
    <message>
        <source>Messages a day:</source>
        <translation>Mensajes al día:</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Cuándo:</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This step is not available in this version yet.</source>
        <translation>Este paso aún no está disponible en esta versión.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Each customer gets their own message, exactly as shown here. Nobody sees who else got one.</source>
        <translation>Cada cliente recibe su propio mensaje, tal como se muestra aquí. Nadie ve quién más lo recibió.</translation>
    </message>
    <message>
        <source>Search by name or e-mail address</source>
        <translation>Buscar por nombre o dirección de correo</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ &amp;Anterior</translation>
    </message>
    <message>
        <source>Previous message</source>
        <translation>Mensaje anterior</translation>
    </message>
    <message>
        <source>Previous message (Alt+Left)</source>
        <translation>Mensaje anterior (Alt+Izquierda)</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>&amp;Siguiente ▶</translation>
    </message>
    <message>
        <source>Next message</source>
        <translation>Mensaje siguiente</translation>
    </message>
    <message>
        <source>Next message (Alt+Right)</source>
        <translation>Mensaje siguiente (Alt+Derecha)</translation>
    </message>
    <message>
        <source>Message number</source>
        <translation>Número de mensaje</translation>
    </message>
    <message>
        <source>Spreadsheet row to show</source>
        <translation>Fila de la hoja de cálculo que mostrar</translation>
    </message>
    <message>
        <source>&amp;Go to row</source>
        <translation>&amp;Ir a la fila</translation>
    </message>
    <message>
        <source>Go to spreadsheet row</source>
        <translation>Ir a la fila de la hoja de cálculo</translation>
    </message>
    <message>
        <source>Spreadsheet row:</source>
        <translation>Fila de la hoja:</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Archivos adjuntos</translation>
    </message>
    <message>
        <source>In reply to</source>
        <translation>En respuesta a</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Para:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Asunto:</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Adjuntos:</translation>
    </message>
    <message>
        <source>In reply to:</source>
        <translation>En respuesta a:</translation>
    </message>
    <message>
        <source>Values worth a second look</source>
        <translation>Valores que conviene revisar</translation>
    </message>
    <message>
        <source>Message as plain text</source>
        <translation>Mensaje como texto sin formato</translation>
    </message>
    <message>
        <source>Message as formatted text</source>
        <translation>Mensaje como texto con formato</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Texto sin formato</translation>
    </message>
    <message>
        <source>Formatted</source>
        <translation>Con formato</translation>
    </message>
    <message>
        <source>Message body</source>
        <translation>Cuerpo del mensaje</translation>
    </message>
    <message>
        <source>Plain or formatted version</source>
        <translation>Versión sin formato o con formato</translation>
    </message>
    <message>
        <source>Preview status</source>
        <translation>Estado de la vista previa</translation>
    </message>
    <message>
        <source>Open a customer spreadsheet and write the apology first.</source>
        <translation>Primero abra una hoja de cálculo de clientes y escriba la disculpa.</translation>
    </message>
    <message>
        <source>Open a customer spreadsheet first (step 1).</source>
        <translation>Primero abra una hoja de cálculo de clientes (paso 1).</translation>
    </message>
    <message>
        <source>Write the apology first (step 2).</source>
        <translation>Primero escriba la disculpa (paso 2).</translation>
    </message>
    <message>
        <source>Preparing the messages…</source>
        <translation>Preparando los mensajes…</translation>
    </message>
    <message>
        <source>Nobody is in the audience: check the customers and the filter (step 1).</source>
        <translation>No hay ningún destinatario: revise los clientes y el filtro (paso 1).</translation>
    </message>
    <message>
        <source>These cannot be sent yet: {0}</source>
        <translation>Estos aún no se pueden enviar: {0}</translation>
    </message>
    <message>
        <source>Row {0} is not among the recipients: it has a problem, is filtered out, or is not in the spreadsheet. See step 1.</source>
        <translation>La fila {0} no está entre los destinatarios: tiene un problema, queda fuera del filtro o no está en la hoja de cálculo. Vea el paso 1.</translation>
    </message>
    <message>
        <source>Message {0} of {1}</source>
        <translation>Mensaje {0} de {1}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipients match.</source>
        <translation>
            <numerusform>Coincide %Ln destinatario.</numerusform>
            <numerusform>Coinciden %Ln destinatarios.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody matches “{0}”.</source>
        <translation>Nadie coincide con «{0}».</translation>
    </message>
    <message>
        <source>(your account, chosen in step 4)</source>
        <translation>(su cuenta, elegida en el paso 4)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Turn on the formatted version in step 2 to send one.</source>
        <translation>Active la versión con formato en el paso 2 para enviarla.</translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message>
        <source>4. Progress</source>
        <translation>4. Progreso</translation>
    </message>
    <message>
        <source>Sending progress</source>
        <translation>Progreso del envío</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausar</translation>
    </message>
    <message>
        <source>Pause sending</source>
        <translation>Pausar el envío</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>Resume sending</source>
        <translation>Reanudar el envío</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Stop sending</source>
        <translation>Detener el envío</translation>
    </message>
    <message>
        <source>&amp;Stop waiting</source>
        <translation>&amp;Dejar de esperar</translation>
    </message>
    <message>
        <source>Do not go on by itself after the daily limit</source>
        <translation>No seguir automáticamente tras el límite diario</translation>
    </message>
    <message>
        <source>Resend &amp;failed only</source>
        <translation>Reenviar solo los &amp;fallidos</translation>
    </message>
    <message>
        <source>Resend failed only</source>
        <translation>Reenviar solo los fallidos</translation>
    </message>
    <message>
        <source>&amp;Export delivery report…</source>
        <translation>E&amp;xportar informe de entrega…</translation>
    </message>
    <message>
        <source>Export delivery report</source>
        <translation>Exportar informe de entrega</translation>
    </message>
    <message>
        <source>Sending log</source>
        <translation>Registro de envío</translation>
    </message>
    <message>
        <source>So far: {0}.</source>
        <translation>Hasta ahora: {0}.</translation>
    </message>
    <message>
        <source>Counts per state</source>
        <translation>Recuento por estado</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Started: {0} to send.</source>
        <translation>Iniciado: {0} por enviar.</translation>
    </message>
    <message>
        <source>Sent to {0} (row {1}).</source>
        <translation>Enviado a {0} (fila {1}).</translation>
    </message>
    <message>
        <source>Failed for {0} (row {1}): {2}</source>
        <translation>Error con {0} (fila {1}): {2}</translation>
    </message>
    <message>
        <source>Will retry {0} (row {1}) in {2}: {3}</source>
        <translation>Se reintentará {0} (fila {1}) dentro de {2}: {3}</translation>
    </message>
    <message>
        <source>In doubt: {0}</source>
        <translation>Sin confirmar: {0}</translation>
    </message>
    <message>
        <source>Paused. Messages already on their way finish.</source>
        <translation>En pausa. Los mensajes que ya están en camino terminarán de enviarse.</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>Reanudado.</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>This campaign is part-sent: {0} sent, {1} still to go. To continue, type the number in step 3 and press Send.</source>
        <translation>Esta campaña está enviada en parte: {0} enviados, {1} pendientes. Para continuar, escriba el número en el paso 3 y pulse Enviar.</translation>
    </message>
    <message>
        <source>The app goes on by itself each day while it is open; or send again later.</source>
        <translation>La aplicación continúa sola cada día mientras esté abierta; o bien vuelva a enviar más tarde.</translation>
    </message>
    <message>
        <source>Password (or app password) for {0}:</source>
        <translation>Contraseña (o contraseña de aplicación) de {0}:</translation>
    </message>
    <message>
        <source>The last password for {0} was not accepted.</source>
        <translation>No se aceptó la última contraseña de {0}.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Sign in again with “Add or change account…” in step 1 of Send.</source>
        <translation>Vuelva a iniciar sesión con «Añadir o cambiar cuenta…» en el paso 1 de Enviar.</translation>
    </message>
    <message>
        <source>The password was forgotten; you are asked for it again next time.</source>
        <translation>Se ha olvidado la contraseña; se le pedirá de nuevo la próxima vez.</translation>
    </message>
    <message>
        <source>To change the account itself, use “Add or change account…” in step 1 of Send.</source>
        <translation>Para cambiar la cuenta en sí, use «Añadir o cambiar cuenta…» en el paso 1 de Enviar.</translation>
    </message>
    <message>
        <source>Sending a test to {0}…</source>
        <translation>Enviando una prueba a {0}…</translation>
    </message>
    <message>
        <source>Test message kept in the practice outbox.</source>
        <translation>El mensaje de prueba está en la bandeja de práctica.</translation>
    </message>
    <message>
        <source>Test message sent to {0} ({1}).</source>
        <translation>Mensaje de prueba enviado a {0} ({1}).</translation>
    </message>
    <message>
        <source>Save the campaign before sending</source>
        <translation>Guarde la campaña antes de enviar</translation>
    </message>
    <message>
        <source>Apology campaigns (*.apology)</source>
        <translation>Campañas de disculpa (*.apology)</translation>
    </message>
    <message>
        <source>Stopping after the messages already on their way…</source>
        <translation>Deteniendo tras los mensajes que ya están en camino…</translation>
    </message>
    <message>
        <source>Sending starts by itself at {0} (in {1}) while the app stays open.</source>
        <translation>El envío empezará solo el {0} (dentro de {1}) mientras la aplicación siga abierta.</translation>
    </message>
    <message>
        <source>Today&apos;s limit is reached. The rest goes on by itself at {0} (in {1}) while the app stays open; or close it and send again then.</source>
        <translation>Se ha alcanzado el límite de hoy. El resto se enviará solo el {0} (dentro de {1}) mientras la aplicación siga abierta; o ciérrela y vuelva a enviar entonces.</translation>
    </message>
    <message>
        <source>It is time: sending starts.</source>
        <translation>Es la hora: empieza el envío.</translation>
    </message>
    <message>
        <source>The daily limit allows more now: sending goes on.</source>
        <translation>El límite diario ya permite más envíos: el envío continúa.</translation>
    </message>
    <message>
        <source>The campaign changed, so sending does not go on by itself; type the number again to send.</source>
        <translation>La campaña ha cambiado, así que el envío no continúa solo; vuelva a escribir el número para enviar.</translation>
    </message>
    <message>
        <source>{0} of them are no longer in the list or are left out by the filter, so they cannot be sent again; mark them as sent or leave them.</source>
        <translation>De ellos, {0} ya no están en la lista o quedan fuera del filtro, así que no se pueden volver a enviar; márquelos como enviados o déjelos como están.</translation>
    </message>
    <message>
        <source>{0} marked as sent.</source>
        <translation>Marcados como enviados: {0}.</translation>
    </message>
    <message>
        <source>{0} will go again with the next Send.</source>
        <translation>Se reenviarán con el próximo envío: {0}.</translation>
    </message>
    <message>
        <source>The practice outbox has no mailbox to read.</source>
        <translation>La bandeja de práctica no tiene buzón que leer.</translation>
    </message>
    <message>
        <source>Reading the mailbox of {0}…</source>
        <translation>Leyendo el buzón de {0}…</translation>
    </message>
    <message>
        <source>{0} is in the list now; Send goes to it after you type the count.</source>
        <translation>{0} ya está en la lista; el envío irá a esa dirección cuando escriba el número.</translation>
    </message>
    <message>
        <source>The failed messages are for customers no longer in the list.</source>
        <translation>Los mensajes fallidos son para clientes que ya no están en la lista.</translation>
    </message>
    <message>
        <source>Send the {0} again, to those customers only?</source>
        <translation>¿Volver a enviar {0}, solo a esos clientes?</translation>
    </message>
    <message>
        <source>Resend failed only</source>
        <translation>Reenviar solo los fallidos</translation>
    </message>
    <message>
        <source>Export the delivery report</source>
        <translation>Exportar el informe de entrega</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Libro de Excel (*.xlsx);;Archivo CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Delivery report with %Ln rows saved to {0}.</source>
        <translation>
            <numerusform>Informe de entrega con %Ln fila guardado en {0}.</numerusform>
            <numerusform>Informe de entrega con %Ln filas guardado en {0}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TestBox</name>
    <message>
        <source>2. Check it in your own inbox first</source>
        <translation>2. Revíselo antes en su bandeja de entrada</translation>
    </message>
    <message>
        <source>Send a &amp;test to me</source>
        <translation>Enviar&amp;me una prueba</translation>
    </message>
    <message>
        <source>Send a test to me</source>
        <translation>Enviarme una prueba</translation>
    </message>
    <message>
        <source>Send without a test (I have checked the messages)</source>
        <translation>Enviar sin prueba (ya he revisado los mensajes)</translation>
    </message>
    <message>
        <source>Send without a test</source>
        <translation>Enviar sin prueba</translation>
    </message>
    <message>
        <source>A test of this version went to {0} at {1}. Read it there before you send to everyone.</source>
        <translation>Se envió una prueba de esta versión a {0} el {1}. Léala allí antes de enviar a todos.</translation>
    </message>
    <message>
        <source>the practice outbox</source>
        <translation>la bandeja de práctica</translation>
    </message>
    <message>
        <source>You chose to send this version without a test.</source>
        <translation>Ha elegido enviar esta versión sin prueba.</translation>
    </message>
    <message>
        <source>The apology changed since your last test; send yourself a new one.</source>
        <translation>La disculpa ha cambiado desde su última prueba; envíese una nueva.</translation>
    </message>
    <message>
        <source>Nothing has gone to you yet: send yourself a test and read it first.</source>
        <translation>Aún no se le ha enviado nada: envíese una prueba y léala primero.</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Resultado de la prueba</translation>
    </message>
</context>
<context>
    <name>WroteInDialog</name>
    <message>
        <source>Answer everyone who wrote in</source>
        <translation>Responder a todos los que le escribieron</translation>
    </message>
    <message>
        <source>Each person who wrote to you becomes one customer, and gets their own answer in their own conversation. Your own messages and automatic ones (out of office, delivery reports) are left out.</source>
        <translation>Cada persona que le escribió se convierte en un cliente y recibe su propia respuesta en su propia conversación. Se excluyen sus propios mensajes y los automáticos (respuestas de ausencia, informes de entrega).</translation>
    </message>
    <message>
        <source>A folder of my &amp;mailbox</source>
        <translation>Una carpeta de mi &amp;buzón</translation>
    </message>
    <message>
        <source>Read a folder of my mailbox</source>
        <translation>Leer una carpeta de mi buzón</translation>
    </message>
    <message>
        <source>Account whose mailbox is read</source>
        <translation>Cuenta cuyo buzón se lee</translation>
    </message>
    <message>
        <source>Mailbox folder</source>
        <translation>Carpeta del buzón</translation>
    </message>
    <message>
        <source>Mail I &amp;exported (.mbox, or a folder of .eml)</source>
        <translation>Correo que &amp;exporté (.mbox o una carpeta de .eml)</translation>
    </message>
    <message>
        <source>Read exported mail</source>
        <translation>Leer correo exportado</translation>
    </message>
    <message>
        <source>Exported mail file or folder</source>
        <translation>Archivo o carpeta de correo exportado</translation>
    </message>
    <message>
        <source>an .mbox file, or a folder of .eml files</source>
        <translation>un archivo .mbox o una carpeta de archivos .eml</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Archivo…</translation>
    </message>
    <message>
        <source>Choose an .mbox or .eml file</source>
        <translation>Elegir un archivo .mbox o .eml</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Carpeta…</translation>
    </message>
    <message>
        <source>Choose a folder of .eml files</source>
        <translation>Elegir una carpeta de archivos .eml</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>Recibidos desde el</translation>
    </message>
    <message>
        <source>Only messages received from a day on</source>
        <translation>Solo los mensajes recibidos a partir de un día</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Primer día</translation>
    </message>
    <message>
        <source>until</source>
        <translation>hasta el</translation>
    </message>
    <message>
        <source>Only messages received until a day</source>
        <translation>Solo los mensajes recibidos hasta un día</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Último día</translation>
    </message>
    <message>
        <source>Subject holds these words</source>
        <translation>El asunto contiene estas palabras</translation>
    </message>
    <message>
        <source>e.g. invoice</source>
        <translation>p. ej., factura</translation>
    </message>
    <message>
        <source>Sender holds this text</source>
        <translation>El remitente contiene este texto</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Cuenta:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Carpeta:</translation>
    </message>
    <message>
        <source>Exported mail:</source>
        <translation>Correo exportado:</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Fechas:</translation>
    </message>
    <message>
        <source>Subject holds:</source>
        <translation>El asunto contiene:</translation>
    </message>
    <message>
        <source>Sender holds:</source>
        <translation>El remitente contiene:</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>Lo que falta</translation>
    </message>
    <message>
        <source>&amp;Find the people</source>
        <translation>Buscar a las &amp;personas</translation>
    </message>
    <message>
        <source>Find the people who wrote in</source>
        <translation>Buscar a las personas que le escribieron</translation>
    </message>
    <message>
        <source>A folder of my mailbox (add your account in the Send step first)</source>
        <translation>Una carpeta de mi buzón (primero añada su cuenta en el paso Enviar)</translation>
    </message>
    <message>
        <source>Exported mail</source>
        <translation>Correo exportado</translation>
    </message>
    <message>
        <source>Mail (*.mbox *.mbx *.eml);;All files (*)</source>
        <translation>Correo (*.mbox *.mbx *.eml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>A folder of .eml files</source>
        <translation>Una carpeta de archivos .eml</translation>
    </message>
    <message>
        <source>Type the folder to read, for example INBOX.</source>
        <translation>Escriba la carpeta que se leerá, por ejemplo INBOX.</translation>
    </message>
    <message>
        <source>Choose the exported .mbox file or .eml folder.</source>
        <translation>Elija el archivo .mbox o la carpeta de .eml exportados.</translation>
    </message>
    <message>
        <source>The first day comes after the last; swap them.</source>
        <translation>El primer día es posterior al último; intercámbielos.</translation>
    </message>
</context>
</TS>

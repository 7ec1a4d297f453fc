<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AccountBox</name>
    <message>
        <source>1. Send from</source>
        <translation>1. Envoyer depuis</translation>
    </message>
    <message>
        <source>Send from</source>
        <translation>Envoyer depuis</translation>
    </message>
    <message>
        <source>&amp;Add or change account…</source>
        <translation>Ajouter ou &amp;modifier un compte…</translation>
    </message>
    <message>
        <source>Add or change account</source>
        <translation>Ajouter ou modifier un compte</translation>
    </message>
    <message>
        <source>&amp;Open practice outbox</source>
        <translation>&amp;Ouvrir la boîte d’envoi d’essai</translation>
    </message>
    <message>
        <source>Open practice outbox</source>
        <translation>Ouvrir la boîte d’envoi d’essai</translation>
    </message>
    <message>
        <source>This campaign sends from the mail account “{0}”, which is not set up on this computer, so the practice outbox is chosen for now. Add that account with “Add or change account…” before you send for real.</source>
        <translation>Cette campagne envoie depuis le compte de messagerie «&#x202f;{0}&#x202f;», qui n’est pas configuré sur cet ordinateur&#x202f;: la boîte d’envoi d’essai est donc choisie pour l’instant. Ajoutez ce compte avec «&#x202f;Ajouter ou modifier un compte…&#x202f;» avant l’envoi réel.</translation>
    </message>
    <message>
        <source>Practice: messages go to an outbox on this computer, not to your customers. Open it to read what each customer would get. To send for real, add your own mail account.</source>
        <translation>Essai&#x202f;: les messages vont dans une boîte d’envoi sur cet ordinateur, pas chez vos clients. Ouvrez-la pour lire ce que chaque client recevrait. Pour un envoi réel, ajoutez votre propre compte de messagerie.</translation>
    </message>
    <message>
        <source>Microsoft Graph</source>
        <translation>Microsoft Graph</translation>
    </message>
    <message>
        <source>the Gmail API</source>
        <translation>l’API Gmail</translation>
    </message>
    <message>
        <source>Messages go out from {0} through {1}.</source>
        <translation>Les messages partent de {0} via {1}.</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Your mail account</source>
        <translation>Votre compte de messagerie</translation>
    </message>
    <message>
        <source>Apologies are sent from your own mailbox, one customer at a time. Type your address; the server settings fill in by themselves. For more mail than your mailbox allows, choose a sending service under Provider.</source>
        <translation>Les excuses partent de votre propre boîte mail, un client à la fois. Saisissez votre adresse&#x202f;: les réglages du serveur se remplissent d’eux-mêmes. Pour envoyer plus que votre boîte mail ne le permet, choisissez un service d’envoi sous Fournisseur.</translation>
    </message>
    <message>
        <source>Your name, as customers will see it</source>
        <translation>Votre nom, tel que les clients le verront</translation>
    </message>
    <message>
        <source>e.g. Sam from Juniper &amp; Oak</source>
        <translation>p. ex. Sam de Juniper &amp; Oak</translation>
    </message>
    <message>
        <source>Your e-mail address</source>
        <translation>Votre adresse e-mail</translation>
    </message>
    <message>
        <source>you@yourshop.com</source>
        <translation>vous@votreboutique.fr</translation>
    </message>
    <message>
        <source>Mail provider</source>
        <translation>Fournisseur de messagerie</translation>
    </message>
    <message>
        <source>What password to use</source>
        <translation>Quel mot de passe utiliser</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Mail server (SMTP)</source>
        <translation>Serveur d’envoi (SMTP)</translation>
    </message>
    <message>
        <source>smtp.yourprovider.com</source>
        <translation>smtp.votrefournisseur.fr</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS (généralement port 587)</translation>
    </message>
    <message>
        <source>TLS (usually port 465)</source>
        <translation>TLS (généralement port 465)</translation>
    </message>
    <message>
        <source>None (only for a server on this computer)</source>
        <translation>Aucune (uniquement pour un serveur sur cet ordinateur)</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>usually your e-mail address</source>
        <translation>généralement votre adresse e-mail</translation>
    </message>
    <message>
        <source>Password or app password</source>
        <translation>Mot de passe ou mot de passe d’application</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Use an app &amp;password instead</source>
        <translation>Utiliser un mot de passe d’a&amp;pplication</translation>
    </message>
    <message>
        <source>Use an app password instead</source>
        <translation>Utiliser un mot de passe d’application</translation>
    </message>
    <message>
        <source>Send through Microsoft &amp;Graph instead</source>
        <translation>Envoyer plutôt via Microsoft &amp;Graph</translation>
    </message>
    <message>
        <source>Send through Microsoft Graph instead</source>
        <translation>Envoyer plutôt via Microsoft Graph</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>aucune limite</translation>
    </message>
    <message>
        <source>Messages a day at most</source>
        <translation>Nombre maximal de messages par jour</translation>
    </message>
    <message>
        <source> a minute</source>
        <translation> par minute</translation>
    </message>
    <message>
        <source>Messages a minute at most</source>
        <translation>Nombre maximal de messages par minute</translation>
    </message>
    <message>
        <source>Short name for this account</source>
        <translation>Nom court de ce compte</translation>
    </message>
    <message>
        <source>the address, unless you name it</source>
        <translation>l’adresse, sauf si vous lui donnez un nom</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Votre &amp;nom&#x202f;:</translation>
    </message>
    <message>
        <source>E-mail &amp;address:</source>
        <translation>&amp;Adresse e-mail&#x202f;:</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Fournisseur&#x202f;:</translation>
    </message>
    <message>
        <source>R&amp;egion:</source>
        <translation>&amp;Région&#x202f;:</translation>
    </message>
    <message>
        <source>Sign-in:</source>
        <translation>Connexion&#x202f;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe&#x202f;:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur&#x202f;:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort&#x202f;:</translation>
    </message>
    <message>
        <source>Se&amp;curity:</source>
        <translation>Sé&amp;curité&#x202f;:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nom d’&amp;utilisateur&#x202f;:</translation>
    </message>
    <message>
        <source>&amp;Daily limit:</source>
        <translation>Limite par &amp;jour&#x202f;:</translation>
    </message>
    <message>
        <source>Rate li&amp;mit:</source>
        <translation>Limite par &amp;minute&#x202f;:</translation>
    </message>
    <message>
        <source>Account &amp;label:</source>
        <translation>&amp;Libellé du compte&#x202f;:</translation>
    </message>
    <message>
        <source>Mailbox (for bounces and replies)</source>
        <translation>Boîte mail (pour les non-remises et les réponses)</translation>
    </message>
    <message>
        <source>Mailbox server (IMAP)</source>
        <translation>Serveur de réception (IMAP)</translation>
    </message>
    <message>
        <source>imap.yourprovider.com</source>
        <translation>imap.votrefournisseur.fr</translation>
    </message>
    <message>
        <source>Mailbox port</source>
        <translation>Port de la boîte mail</translation>
    </message>
    <message>
        <source>Mailbox security</source>
        <translation>Sécurité de la boîte mail</translation>
    </message>
    <message>
        <source>TLS (usually port 993)</source>
        <translation>TLS (généralement port 993)</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 143)</source>
        <translation>STARTTLS (généralement port 143)</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;veur&#x202f;:</translation>
    </message>
    <message>
        <source>Po&amp;rt:</source>
        <translation>Por&amp;t&#x202f;:</translation>
    </message>
    <message>
        <source>Securit&amp;y:</source>
        <translation>Sécur&amp;ité&#x202f;:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Tester la conne&amp;xion</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Connection test results</source>
        <translation>Résultats du test de connexion</translation>
    </message>
    <message>
        <source>Connection test verdict</source>
        <translation>Verdict du test de connexion</translation>
    </message>
    <message>
        <source>Where the password is kept</source>
        <translation>Où le mot de passe est conservé</translation>
    </message>
    <message>
        <source>Other (enter the server yourself)</source>
        <translation>Autre (saisissez le serveur vous-même)</translation>
    </message>
    <message>
        <source>the SMTP user name your sending service gave you</source>
        <translation>le nom d’utilisateur SMTP fourni par votre service d’envoi</translation>
    </message>
    <message>
        <source>&amp;Sign in with {0}…</source>
        <translation>&amp;Se connecter avec {0}…</translation>
    </message>
    <message>
        <source>Sign in with {0}</source>
        <translation>Se connecter avec {0}</translation>
    </message>
    <message>
        <source>&amp;Sign in with {0} instead</source>
        <translation>&amp;Se connecter plutôt avec {0}</translation>
    </message>
    <message>
        <source>Sign-in with {0} is not set up in this copy of Apology Composer yet; ask whoever installed it (see docs/sign-in.md).</source>
        <translation>La connexion avec {0} n’est pas encore configurée dans cette copie d’Apology Composer&#x202f;; demandez à la personne qui l’a installée (voir docs/sign-in.md).</translation>
    </message>
    <message>
        <source>Until then, an app password works.</source>
        <translation>En attendant, un mot de passe d’application fonctionne.</translation>
    </message>
    <message>
        <source>Signed in as {0}. No password is kept, only the sign-in.</source>
        <translation>Connecté en tant que {0}. Aucun mot de passe n’est conservé, seulement la connexion.</translation>
    </message>
    <message>
        <source>Your browser opens {0}&apos;s own sign-in page; Apology Composer never sees your password.</source>
        <translation>Votre navigateur ouvre la page de connexion de {0}&#x202f;; Apology Composer ne voit jamais votre mot de passe.</translation>
    </message>
    <message>
        <source>This computer has no password store, so the sign-in is not kept: you sign in again once each session.</source>
        <translation>Cet ordinateur n’a pas de trousseau de mots de passe&#x202f;: la connexion n’est donc pas conservée, et vous vous reconnectez une fois par session.</translation>
    </message>
    <message>
        <source>This computer has no password store, so the password is not saved: the app will ask for it once each session.</source>
        <translation>Cet ordinateur n’a pas de trousseau de mots de passe&#x202f;: le mot de passe n’est donc pas enregistré, et l’application le demandera une fois par session.</translation>
    </message>
    <message>
        <source>Waiting for you to sign in in your browser… (Cancel stops waiting)</source>
        <translation>En attente de votre connexion dans le navigateur… (Annuler arrête l’attente)</translation>
    </message>
    <message>
        <source>Your administrator can approve it at {0}</source>
        <translation>Votre administrateur peut l’approuver à l’adresse {0}</translation>
    </message>
    <message>
        <source>Sign in with {0} below; an app password also works (choose it below).</source>
        <translation>Connectez-vous avec {0} ci-dessous&#x202f;; un mot de passe d’application fonctionne aussi (choisissez-le ci-dessous).</translation>
    </message>
    <message>
        <source>Ask your provider for its SMTP server, port and security.</source>
        <translation>Demandez à votre fournisseur son serveur SMTP, son port et sa sécurité.</translation>
    </message>
    <message>
        <source>{0} no longer accepts passwords from mail programs: sign in with Microsoft below instead.</source>
        <translation>{0} n’accepte plus les mots de passe des logiciels de messagerie&#x202f;: connectez-vous plutôt avec Microsoft ci-dessous.</translation>
    </message>
    <message>
        <source>Sign in with {0} to send from this address.</source>
        <translation>Connectez-vous avec {0} pour envoyer depuis cette adresse.</translation>
    </message>
    <message>
        <source>Type the password (or app password) for this mailbox.</source>
        <translation>Saisissez le mot de passe (ou le mot de passe d’application) de cette boîte mail.</translation>
    </message>
    <message>
        <source>Save &amp;anyway</source>
        <translation>Enregistrer &amp;quand même</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>The account works: messages can be sent from it.</source>
        <translation>Le compte fonctionne&#x202f;: il peut envoyer des messages.</translation>
    </message>
    <message>
        <source>The account does not work yet. {0}</source>
        <translation>Le compte ne fonctionne pas encore. {0}</translation>
    </message>
</context>
<context>
    <name>ArriveBox</name>
    <message>
        <source>Will it arrive?</source>
        <translation>Vos messages arriveront-ils&#x202f;?</translation>
    </message>
    <message>
        <source>Will it arrive</source>
        <translation>Vos messages arriveront-ils</translation>
    </message>
    <message>
        <source>What the check of your domain found</source>
        <translation>Résultat de la vérification de votre domaine</translation>
    </message>
    <message>
        <source> a day</source>
        <translation> par jour</translation>
    </message>
    <message>
        <source>Other mail your domain sends a day</source>
        <translation>Autres e-mails envoyés par votre domaine chaque jour</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>Vérifier à no&amp;uveau</translation>
    </message>
    <message>
        <source>Check the domain again</source>
        <translation>Vérifier à nouveau le domaine</translation>
    </message>
    <message>
        <source>Other mail your domain sends (receipts, newsletters), about:</source>
        <translation>Autres e-mails envoyés par votre domaine (reçus, newsletters), environ&#x202f;:</translation>
    </message>
    <message>
        <source>Looking up the records of {0}…</source>
        <translation>Consultation des enregistrements de {0}…</translation>
    </message>
</context>
<context>
    <name>AudienceModel</name>
    <message>
        <source>row {0}</source>
        <translation>ligne {0}</translation>
    </message>
    <message>
        <source>Spreadsheet row {0}</source>
        <translation>Ligne {0} du tableau</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>Column to filter on</source>
        <translation>Colonne à filtrer</translation>
    </message>
    <message>
        <source>How to compare</source>
        <translation>Comment comparer</translation>
    </message>
    <message>
        <source>is</source>
        <translation>est</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>n’est pas</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>contient</translation>
    </message>
    <message>
        <source>does not contain</source>
        <translation>ne contient pas</translation>
    </message>
    <message>
        <source>is more than</source>
        <translation>est supérieur à</translation>
    </message>
    <message>
        <source>is less than</source>
        <translation>est inférieur à</translation>
    </message>
    <message>
        <source>is one of (a, b, c)</source>
        <translation>est l’un de (a, b, c)</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>est vide</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>n’est pas vide</translation>
    </message>
    <message>
        <source>Value to compare with</source>
        <translation>Valeur à comparer</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>Supprimer cette condition</translation>
    </message>
</context>
<context>
    <name>ConfirmBox</name>
    <message>
        <source>3. Send to everyone</source>
        <translation>3. Envoyer à tous</translation>
    </message>
    <message>
        <source>Type the number of recipients to confirm</source>
        <translation>Saisissez le nombre de destinataires pour confirmer</translation>
    </message>
    <message>
        <source>the number</source>
        <translation>le nombre</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Sending now; the progress below shows how far it got.</source>
        <translation>Envoi en cours&#x202f;; la progression ci-dessous indique où il en est.</translation>
    </message>
    <message>
        <source>Sending unlocks once that is done, here on this page.</source>
        <translation>L’envoi se déverrouille une fois cela fait, ici même.</translation>
    </message>
    <message>
        <source>Sending stays locked until the problem above is fixed; the step marked with a warning on the left shows where.</source>
        <translation>L’envoi reste verrouillé tant que le problème ci-dessus n’est pas résolu&#x202f;; l’étape signalée par un avertissement, à gauche, indique où.</translation>
    </message>
    <message>
        <source>This sends {0}, one to each customer, from {1}. To confirm, type the number {2}:</source>
        <translation>Vous allez envoyer {0}, un à chaque client, depuis {1}. Pour confirmer, saisissez le nombre {2}&#x202f;:</translation>
    </message>
    <message>
        <source>You typed {0}, but {1} would go out; type {2} to send them, or go back to Customers if that number looks wrong.</source>
        <translation>Vous avez saisi {0}, mais il y a {1} à envoyer&#x202f;; saisissez {2} pour les envoyer, ou revenez à Clients si ce nombre vous semble faux.</translation>
    </message>
    <message>
        <source>Nothing is waiting to be sent; the failed and in-doubt messages below need your decision.</source>
        <translation>Rien n’attend d’être envoyé&#x202f;; les messages en échec et incertains ci-dessous attendent votre décision.</translation>
    </message>
    <message>
        <source>Nothing is left to send: every customer in the list has it.</source>
        <translation>Plus rien à envoyer&#x202f;: chaque client de la liste l’a déjà reçu.</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Confirmation</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Field name for the message: {{ %s }}</source>
        <translation>Nom du champ pour le message&#x202f;: {{ %s }}</translation>
    </message>
    <message>
        <source>Spreadsheet row %d</source>
        <translation>Ligne %d du tableau</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Open the spreadsheet that lists the customers who should get the apology. Each row becomes one personal e-mail to one person.</source>
        <translation>Ouvrez le tableau qui liste les clients qui doivent recevoir les excuses. Chaque ligne devient un e-mail personnel adressé à une seule personne.</translation>
    </message>
    <message>
        <source>Open spreadsheet…</source>
        <translation>Ouvrir un tableau…</translation>
    </message>
    <message>
        <source>Open spreadsheet</source>
        <translation>Ouvrir un tableau</translation>
    </message>
    <message>
        <source>Spreadsheet file</source>
        <translation>Fichier du tableau</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Feuille&#x202f;:</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Feuille</translation>
    </message>
    <message>
        <source>Drop your customer spreadsheet here,
or click “Open spreadsheet…” above.

Excel, LibreOffice and CSV files all work. The first row should name the columns (Email, First name, …).</source>
        <translation>Déposez ici votre tableau de clients,
ou cliquez sur «&#x202f;Ouvrir un tableau…&#x202f;» ci-dessus.

Les fichiers Excel, LibreOffice et CSV conviennent tous. La première ligne doit nommer les colonnes (E-mail, Prénom, …).</translation>
    </message>
    <message>
        <source>Which columns hold what</source>
        <translation>Quelle colonne contient quoi</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nom complet</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Ne pas contacter</translation>
    </message>
    <message>
        <source>column</source>
        <translation>(colonne)</translation>
    </message>
    <message>
        <source>Customer rows</source>
        <translation>Lignes des clients</translation>
    </message>
    <message>
        <source>Select all rows</source>
        <translation>Sélectionner toutes les lignes</translation>
    </message>
    <message>
        <source>Who gets the apology</source>
        <translation>Qui reçoit les excuses</translation>
    </message>
    <message>
        <source>Only people who match</source>
        <translation>Seulement les personnes qui remplissent</translation>
    </message>
    <message>
        <source>all of these</source>
        <translation>toutes ces conditions</translation>
    </message>
    <message>
        <source>any of these</source>
        <translation>l’une de ces conditions</translation>
    </message>
    <message>
        <source>Match all or any conditions</source>
        <translation>Remplir toutes les conditions ou l’une d’elles</translation>
    </message>
    <message>
        <source>Add a condition…</source>
        <translation>Ajouter une condition…</translation>
    </message>
    <message>
        <source>Add a filter condition</source>
        <translation>Ajouter une condition de filtre</translation>
    </message>
    <message>
        <source>Send only to some rows, e.g. Country is France</source>
        <translation>N’envoyer qu’à certaines lignes, p. ex. Pays est France</translation>
    </message>
    <message>
        <source>Everyone with a usable address gets it.</source>
        <translation>Toute personne ayant une adresse utilisable les reçoit.</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>Lignes écartées</translation>
    </message>
    <message>
        <source>These rows will not get the apology. Click one to see it in the table.</source>
        <translation>Ces lignes ne recevront pas les excuses. Cliquez sur l’une d’elles pour la voir dans le tableau.</translation>
    </message>
    <message>
        <source>Rows left out</source>
        <translation>Lignes écartées</translation>
    </message>
    <message>
        <source>Do-not-contact list…</source>
        <translation>Liste d’exclusion…</translation>
    </message>
    <message>
        <source>Choose a do-not-contact list</source>
        <translation>Choisir une liste d’exclusion</translation>
    </message>
    <message>
        <source>A file of addresses that must never get this e-mail (unsubscribed people).</source>
        <translation>Un fichier d’adresses qui ne doivent jamais recevoir cet e-mail (personnes désinscrites).</translation>
    </message>
    <message>
        <source>Stop using this list</source>
        <translation>Ne plus utiliser cette liste</translation>
    </message>
    <message>
        <source>Stop using the do-not-contact list</source>
        <translation>Ne plus utiliser la liste d’exclusion</translation>
    </message>
    <message>
        <source>Open the list of customers</source>
        <translation>Ouvrir la liste des clients</translation>
    </message>
    <message>
        <source>Spreadsheets (%s)</source>
        <translation>Tableaux (%s)</translation>
    </message>
    <message>
        <source>Choose the list of people who must not be contacted</source>
        <translation>Choisir la liste des personnes à ne pas contacter</translation>
    </message>
    <message>
        <source>Address lists (%s)</source>
        <translation>Listes d’adresses (%s)</translation>
    </message>
    <message>
        <source>No spreadsheet open yet.</source>
        <translation>Aucun tableau ouvert pour l’instant.</translation>
    </message>
    <message>
        <source>(saved in the campaign)</source>
        <translation>(enregistré dans la campagne)</translation>
    </message>
    <message numerus="yes">
        <source>%s — %Ln rows</source>
        <translation>
            <numerusform>%s — %Ln ligne</numerusform>
            <numerusform>%s — %Ln lignes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Customers saved in the campaign — %Ln rows</source>
        <translation>
            <numerusform>Clients enregistrés dans la campagne — %Ln ligne</numerusform>
            <numerusform>Clients enregistrés dans la campagne — %Ln lignes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%s (%Ln addresses)</source>
        <translation>
            <numerusform>%s (%Ln adresse)</numerusform>
            <numerusform>%s (%Ln adresses)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln addresses from the saved list</source>
        <translation>
            <numerusform>%Ln adresse de la liste enregistrée</numerusform>
            <numerusform>%Ln adresses de la liste enregistrée</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending to %s of %Ln rows</source>
        <translation>
            <numerusform>Envoi à %s sur %Ln ligne</numerusform>
            <numerusform>Envoi à %s sur %Ln lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Address not valid</source>
        <translation>Adresse non valide</translation>
    </message>
    <message>
        <source>No address</source>
        <translation>Pas d’adresse</translation>
    </message>
    <message>
        <source>Same address as an earlier row</source>
        <translation>Même adresse qu’une ligne précédente</translation>
    </message>
    <message>
        <source>… and %s more</source>
        <translation>… et %s de plus</translation>
    </message>
    <message>
        <source>Left out (%s)</source>
        <translation>Lignes écartées (%s)</translation>
    </message>
    <message>
        <source>No rows are left out: every address is usable.</source>
        <translation>Aucune ligne écartée&#x202f;: toutes les adresses sont utilisables.</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>The campaign is being sent; wait until it has finished to change it.</source>
        <translation>La campagne est en cours d’envoi&#x202f;; attendez la fin pour la modifier.</translation>
    </message>
    <message>
        <source>A campaign is being sent; wait until it has finished (or stop it) before opening or starting another.</source>
        <translation>Une campagne est en cours d’envoi&#x202f;; attendez la fin (ou arrêtez-la) avant d’en ouvrir ou d’en commencer une autre.</translation>
    </message>
    <message>
        <source>The campaign is being sent; wait until it has finished to load a list.</source>
        <translation>La campagne est en cours d’envoi&#x202f;; attendez la fin pour charger une liste.</translation>
    </message>
    <message numerus="yes">
        <source>Taking in %Ln customers…</source>
        <translation>
            <numerusform>Chargement de %Ln client…</numerusform>
            <numerusform>Chargement de %Ln clients…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %s…</source>
        <translation>Lecture de %s…</translation>
    </message>
    <message>
        <source>The campaign is being sent; it is saved as it goes. Save it after.</source>
        <translation>La campagne est en cours d’envoi&#x202f;; elle est enregistrée au fur et à mesure. Enregistrez-la ensuite.</translation>
    </message>
    <message>
        <source>Choose where to save the campaign first.</source>
        <translation>Choisissez d’abord où enregistrer la campagne.</translation>
    </message>
    <message>
        <source>Open the customer spreadsheet first; a campaign needs its customers.</source>
        <translation>Ouvrez d’abord le tableau des clients&#x202f;; une campagne a besoin de ses clients.</translation>
    </message>
    <message>
        <source>Sending stopped.</source>
        <translation>Envoi arrêté.</translation>
    </message>
    <message>
        <source>Checking the addresses…</source>
        <translation>Vérification des adresses…</translation>
    </message>
    <message>
        <source>Checking the apology…</source>
        <translation>Vérification des excuses…</translation>
    </message>
    <message>
        <source>Working out who gets it…</source>
        <translation>Calcul des destinataires…</translation>
    </message>
    <message>
        <source>The unsaved work could not be read; it was set aside.</source>
        <translation>Le travail non enregistré n’a pas pu être lu&#x202f;; il a été mis de côté.</translation>
    </message>
</context>
<context>
    <name>DoubtBox</name>
    <message>
        <source>Messages that may already have gone</source>
        <translation>Messages peut-être déjà partis</translation>
    </message>
    <message>
        <source>The connection was lost just as these were handed over, so the mail server may have delivered them. “Look in Sent” finds the ones that went; then decide for the ones you select (or for all of them):</source>
        <translation>La connexion a été perdue au moment même où ces messages étaient transmis&#x202f;: le serveur de messagerie les a peut-être distribués. «&#x202f;Chercher dans Envoyés&#x202f;» retrouve ceux qui sont partis&#x202f;; décidez ensuite pour ceux que vous sélectionnez (ou pour tous)&#x202f;:</translation>
    </message>
    <message>
        <source>Messages in doubt</source>
        <translation>Messages incertains</translation>
    </message>
    <message>
        <source>Send these again</source>
        <translation>Renvoyer ceux-ci</translation>
    </message>
    <message>
        <source>Send the messages in doubt again</source>
        <translation>Renvoyer les messages incertains</translation>
    </message>
    <message>
        <source>Mark as sent</source>
        <translation>Marquer comme envoyés</translation>
    </message>
    <message>
        <source>Mark the messages in doubt as sent</source>
        <translation>Marquer les messages incertains comme envoyés</translation>
    </message>
    <message>
        <source>&amp;Look in Sent</source>
        <translation>&amp;Chercher dans Envoyés</translation>
    </message>
    <message>
        <source>Look for the messages in doubt in the Sent folder</source>
        <translation>Chercher les messages incertains dans le dossier Envoyés</translation>
    </message>
    <message>
        <source>Row {0}: {1} — {2}</source>
        <translation>Ligne {0}&#x202f;: {1} — {2}</translation>
    </message>
</context>
<context>
    <name>MailboxBox</name>
    <message>
        <source>5. What came back</source>
        <translation>5. Retours</translation>
    </message>
    <message>
        <source>What came back</source>
        <translation>Retours</translation>
    </message>
    <message>
        <source>A message can still bounce after it was sent, and customers may answer. Check your mailbox to see both here (nothing in it is changed).</source>
        <translation>Un message envoyé peut encore revenir en non-remise, et des clients peuvent répondre. Consultez votre boîte mail pour voir les deux ici (rien n’y est modifié).</translation>
    </message>
    <message>
        <source>Check the &amp;mailbox</source>
        <translation>Consulter la &amp;boîte mail</translation>
    </message>
    <message>
        <source>Check the mailbox for bounces and replies</source>
        <translation>Chercher les non-remises et les réponses dans la boîte mail</translation>
    </message>
    <message>
        <source>What the mailbox check found</source>
        <translation>Résultat de la consultation de la boîte mail</translation>
    </message>
    <message>
        <source>Bounces and replies</source>
        <translation>Non-remises et réponses</translation>
    </message>
    <message>
        <source>Correct the address…</source>
        <translation>Corriger l’adresse…</translation>
    </message>
    <message>
        <source>Correct the bounced address</source>
        <translation>Corriger l’adresse en non-remise</translation>
    </message>
    <message>
        <source>To write again to an address that bounced, select it and correct the address; the next Send goes to the corrected one.</source>
        <translation>Pour réécrire à une adresse en non-remise, sélectionnez-la et corrigez l’adresse&#x202f;; le prochain envoi ira à l’adresse corrigée.</translation>
    </message>
    <message>
        <source>Correct the address</source>
        <translation>Corriger l’adresse</translation>
    </message>
    <message>
        <source>{0} bounced. Type the corrected address; the next Send goes to it:</source>
        <translation>Le message à {0} n’a pas été remis. Saisissez l’adresse corrigée&#x202f;; le prochain envoi ira à celle-ci&#x202f;:</translation>
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
        <translation>Clients</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Not ready: see %s</source>
        <translation>Pas prêt&#x202f;: voir %s</translation>
    </message>
    <message>
        <source>Test first, then send %s</source>
        <translation>Testez, puis envoyez %s</translation>
    </message>
    <message>
        <source>Who gets the apology</source>
        <translation>Qui reçoit les excuses</translation>
    </message>
    <message>
        <source>What is being done</source>
        <translation>Opération en cours</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Traitement en cours</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;New campaign</source>
        <translation>&amp;Nouvelle campagne</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>Open customer &amp;spreadsheet…</source>
        <translation>Ouvrir le &amp;tableau des clients…</translation>
    </message>
    <message>
        <source>New campaign from the &amp;mailbox…</source>
        <translation>Nouvelle campagne depuis la &amp;boîte mail…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Campagnes &amp;récentes</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>A&amp;ller</translation>
    </message>
    <message>
        <source>&amp;Next step</source>
        <translation>Étape &amp;suivante</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>&amp;Réglages</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>System language ({0})</source>
        <translation>Langue du système ({0})</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Apology Composer</source>
        <translation>À &amp;propos d’Apology Composer</translation>
    </message>
    <message>
        <source>Apology Composer speaks {0} from the next time it starts.</source>
        <translation>Apology Composer parlera {0} à partir du prochain démarrage.</translation>
    </message>
    <message>
        <source>About Apology Composer</source>
        <translation>À propos d’Apology Composer</translation>
    </message>
    <message>
        <source>Apology Composer {0}</source>
        <translation>Apology Composer {0}</translation>
    </message>
    <message>
        <source>Settings are kept in {0}.</source>
        <translation>Les réglages sont conservés dans {0}.</translation>
    </message>
    <message>
        <source>Connections trust {0}.</source>
        <translation>Les connexions font confiance à {0}.</translation>
    </message>
    <message>
        <source>Open your customer list</source>
        <translation>Ouvrez votre liste de clients</translation>
    </message>
    <message>
        <source>Nobody to send to</source>
        <translation>Aucun destinataire</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows left out</source>
        <translation>
            <numerusform>%Ln ligne écartée</numerusform>
            <numerusform>%Ln lignes écartées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to fix before sending</source>
        <translation>
            <numerusform>%Ln à corriger avant l’envoi</numerusform>
            <numerusform>%Ln à corriger avant l’envoi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln messages to read</source>
        <translation>
            <numerusform>%Ln message à lire</numerusform>
            <numerusform>%Ln messages à lire</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows read; checking…</source>
        <translation>
            <numerusform>%Ln ligne lue ; vérification…</numerusform>
            <numerusform>%Ln lignes lues ; vérification…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending to %s of %Ln rows</source>
        <translation>
            <numerusform>Envoi à %s sur %Ln ligne</numerusform>
            <numerusform>Envoi à %s sur %Ln lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Write the apology</source>
        <translation>Rédigez vos excuses</translation>
    </message>
    <message>
        <source>Not ready yet</source>
        <translation>Pas encore prêt</translation>
    </message>
    <message>
        <source>Ready to send %s</source>
        <translation>Prêt&#x202f;: %s à envoyer</translation>
    </message>
    <message>
        <source>No customers yet: open a spreadsheet to begin.</source>
        <translation>Aucun client pour l’instant&#x202f;: ouvrez un tableau pour commencer.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Nouvelle campagne</translation>
    </message>
    <message>
        <source>%s[*] — Apology Composer</source>
        <translation>%s[*] — Apology Composer</translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation>Enregistré&#x202f;: %s</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>Save the changes to this campaign before closing it?</source>
        <translation>Enregistrer les modifications de cette campagne avant de la fermer&#x202f;?</translation>
    </message>
    <message>
        <source>If you don&apos;t save, your changes will be lost.</source>
        <translation>Si vous n’enregistrez pas, vos modifications seront perdues.</translation>
    </message>
    <message>
        <source>Open a campaign or a customer list</source>
        <translation>Ouvrir une campagne ou une liste de clients</translation>
    </message>
    <message>
        <source>Campaigns and spreadsheets (%s)</source>
        <translation>Campagnes et tableaux (%s)</translation>
    </message>
    <message>
        <source>Open the list of customers</source>
        <translation>Ouvrir la liste des clients</translation>
    </message>
    <message>
        <source>Spreadsheets (%s)</source>
        <translation>Tableaux (%s)</translation>
    </message>
    <message>
        <source>Finding the people who wrote in…</source>
        <translation>Recherche des personnes qui vous ont écrit…</translation>
    </message>
    <message>
        <source>apology</source>
        <translation>excuses</translation>
    </message>
    <message>
        <source>Save the campaign</source>
        <translation>Enregistrer la campagne</translation>
    </message>
    <message>
        <source>Apology campaigns (*%s)</source>
        <translation>Campagnes d’excuses (*%s)</translation>
    </message>
    <message>
        <source>No recent campaigns</source>
        <translation>Aucune campagne récente</translation>
    </message>
    <message>
        <source>Load the edited list?</source>
        <translation>Charger la liste modifiée&#x202f;?</translation>
    </message>
    <message>
        <source>Load “%s” into this campaign?</source>
        <translation>Charger «&#x202f;%s&#x202f;» dans cette campagne&#x202f;?</translation>
    </message>
    <message>
        <source>the list</source>
        <translation>la liste</translation>
    </message>
    <message>
        <source>Load it</source>
        <translation>Charger</translation>
    </message>
    <message>
        <source>Keep the current list</source>
        <translation>Garder la liste actuelle</translation>
    </message>
    <message>
        <source>%s sent, %s in doubt (they may have gone: you decide), %s not sent yet.</source>
        <translation>%s envoyés, %s incertains (peut-être partis&#x202f;: à vous de décider), %s pas encore envoyés.</translation>
    </message>
    <message>
        <source>%s sent, %s not sent yet.</source>
        <translation>%s envoyés, %s pas encore envoyés.</translation>
    </message>
    <message>
        <source>Sending was interrupted</source>
        <translation>L’envoi a été interrompu</translation>
    </message>
    <message>
        <source>Sending “%s” was interrupted before it finished.</source>
        <translation>L’envoi de «&#x202f;%s&#x202f;» a été interrompu avant la fin.</translation>
    </message>
    <message>
        <source>Open it to see them and carry on?</source>
        <translation>L’ouvrir pour les voir et continuer&#x202f;?</translation>
    </message>
    <message>
        <source>Open it</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Plus tard</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>Récupérer le travail non enregistré</translation>
    </message>
    <message>
        <source>Apology Composer closed before “%s” was saved. Bring it back?</source>
        <translation>Apology Composer s’est fermé avant l’enregistrement de «&#x202f;%s&#x202f;». Le récupérer&#x202f;?</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Récupérer</translation>
    </message>
    <message>
        <source>Throw away</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message>
        <source>if empty, write…</source>
        <translation>si vide, écrire…</translation>
    </message>
    <message>
        <source>Fallback for %s</source>
        <translation>Texte de remplacement pour %s</translation>
    </message>
    <message>
        <source>Written instead of %s for people whose cell is empty.</source>
        <translation>Écrit à la place de %s pour les personnes dont la cellule est vide.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Write the apology once. Personal fields such as {{ first_name }} are filled in for each customer, and each customer gets their own e-mail.</source>
        <translation>Rédigez vos excuses une seule fois. Les champs personnalisés comme {{ first_name }} sont remplis pour chaque client, et chaque client reçoit son propre e-mail.</translation>
    </message>
    <message>
        <source>Your name or your shop&apos;s name</source>
        <translation>Votre nom ou celui de votre boutique</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Nom de l’expéditeur</translation>
    </message>
    <message>
        <source>your mailbox, chosen in step 4</source>
        <translation>votre boîte mail, choisie à l’étape 4</translation>
    </message>
    <message>
        <source>Sender e-mail address</source>
        <translation>Adresse e-mail de l’expéditeur</translation>
    </message>
    <message>
        <source>The apology is sent from the mailbox of the account chosen in step 4.</source>
        <translation>Les excuses partent de la boîte mail du compte choisi à l’étape 4.</translation>
    </message>
    <message>
        <source>Mail account…</source>
        <translation>Compte de messagerie…</translation>
    </message>
    <message>
        <source>Choose the mail account</source>
        <translation>Choisir le compte de messagerie</translation>
    </message>
    <message>
        <source>Choose or set up the mailbox that sends it</source>
        <translation>Choisir ou configurer la boîte mail d’envoi</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;De&#x202f;:</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>e.g. Sorry about the invoice, {{ first_name }}</source>
        <translation>p. ex. Désolés pour la facture, {{ first_name }}</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Objet&#x202f;:</translation>
    </message>
    <message>
        <source>Insert field</source>
        <translation>Insérer un champ</translation>
    </message>
    <message>
        <source>Insert a personal field</source>
        <translation>Insérer un champ personnalisé</translation>
    </message>
    <message>
        <source>Put a column of the spreadsheet into the text</source>
        <translation>Insérer une colonne du tableau dans le texte</translation>
    </message>
    <message>
        <source>Also send a formatted version (Markdown)</source>
        <translation>Envoyer aussi une version mise en forme (Markdown)</translation>
    </message>
    <message>
        <source>Also send a formatted version</source>
        <translation>Envoyer aussi une version mise en forme</translation>
    </message>
    <message>
        <source>**bold**, *italic*, lists and links become formatting; plain text is kept.</source>
        <translation>**gras**, *italique*, listes et liens deviennent une mise en forme&#x202f;; le texte brut est conservé.</translation>
    </message>
    <message>
        <source>Add a line to unsubscribe</source>
        <translation>Ajouter une ligne de désinscription</translation>
    </message>
    <message>
        <source>Ends each message with a line inviting a reply with the word unsubscribe, and adds the List-Unsubscribe header mail programs show as a button. An apology needs neither; large senders to Gmail and Outlook.com are expected to have it.</source>
        <translation>Termine chaque message par une ligne invitant à répondre avec le mot «&#x202f;unsubscribe&#x202f;», et ajoute l’en-tête List-Unsubscribe, que les logiciels de messagerie affichent sous forme de bouton. Des excuses n’ont besoin ni de l’un ni de l’autre&#x202f;; les gros expéditeurs vers Gmail et Outlook.com sont censés l’avoir.</translation>
    </message>
    <message>
        <source>Apology text</source>
        <translation>Texte des excuses</translation>
    </message>
    <message>
        <source>Hi {{ first_name }},

I am so sorry about …

Type {{ to pick a personal field.</source>
        <translation>Bonjour {{ first_name }},

Nous sommes vraiment désolés pour …

Tapez {{ pour choisir un champ personnalisé.</translation>
    </message>
    <message>
        <source>Language of dates and amounts</source>
        <translation>Langue des dates et des montants</translation>
    </message>
    <message>
        <source>How {{ order_date | date }} and {{ amount | money }} are written in every message, e.g. 9 March 2026 or 9. März 2026.</source>
        <translation>La façon dont {{ order_date | date }} et {{ amount | money }} s’écrivent dans chaque message, par exemple 9 mars 2026 ou 9 March 2026.</translation>
    </message>
    <message>
        <source>Currency of amounts</source>
        <translation>Devise des montants</translation>
    </message>
    <message>
        <source>The currency {{ amount | money }} writes.</source>
        <translation>La devise qu’utilise {{ amount | money }}.</translation>
    </message>
    <message>
        <source>&amp;Dates and amounts:</source>
        <translation>&amp;Dates et montants :</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>Dev&amp;ise :</translation>
    </message>
    <message>
        <source>Personal fields in the message</source>
        <translation>Champs personnalisés du message</translation>
    </message>
    <message>
        <source>Discount code</source>
        <translation>Code de réduction</translation>
    </message>
    <message>
        <source>No code</source>
        <translation>Pas de code</translation>
    </message>
    <message>
        <source>One code for everyone:</source>
        <translation>Un code pour tous&#x202f;:</translation>
    </message>
    <message>
        <source>A different code for each, from the column:</source>
        <translation>Un code différent pour chacun, pris dans la colonne&#x202f;:</translation>
    </message>
    <message>
        <source>A different code for each, from a file:</source>
        <translation>Un code différent pour chacun, pris dans un fichier&#x202f;:</translation>
    </message>
    <message>
        <source>e.g. SORRY11</source>
        <translation>p. ex. PARDON11</translation>
    </message>
    <message>
        <source>The code for everyone</source>
        <translation>Le code pour tous</translation>
    </message>
    <message>
        <source>Column with the codes</source>
        <translation>Colonne des codes</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Choisir un fichier…</translation>
    </message>
    <message>
        <source>Choose the file of codes</source>
        <translation>Choisir le fichier de codes</translation>
    </message>
    <message>
        <source>Before you can send</source>
        <translation>Avant de pouvoir envoyer</translation>
    </message>
    <message>
        <source>What still blocks sending</source>
        <translation>Ce qui bloque encore l’envoi</translation>
    </message>
    <message>
        <source>Choose the file of discount codes (one per line)</source>
        <translation>Choisir le fichier des codes de réduction (un par ligne)</translation>
    </message>
    <message>
        <source>Text files (*.txt *.csv);;All files (*)</source>
        <translation>Fichiers texte (*.txt *.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>saved codes</source>
        <translation>codes enregistrés</translation>
    </message>
    <message numerus="yes">
        <source>%s (%Ln codes)</source>
        <translation>
            <numerusform>%s (%Ln code)</numerusform>
            <numerusform>%s (%Ln codes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln codes for {0}: {1}.</source>
        <translation>
            <numerusform>%Ln code pour {0} : {1}.</numerusform>
            <numerusform>%Ln codes pour {0} : {1}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln people</source>
        <comment>codes for N people</comment>
        <translation>
            <numerusform>%Ln personne</numerusform>
            <numerusform>%Ln personnes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln codes left over</source>
        <translation>
            <numerusform>%Ln code en trop</numerusform>
            <numerusform>%Ln codes en trop</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln empty: give a fallback</source>
        <translation>
            <numerusform>%Ln vide : prévoyez un remplacement</numerusform>
            <numerusform>%Ln vides : prévoyez un remplacement</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln empty</source>
        <translation>
            <numerusform>%Ln vide</numerusform>
            <numerusform>%Ln vides</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of the people getting it have no %s.</source>
        <translation>
            <numerusform>%Ln destinataire n’a pas de valeur pour %s.</numerusform>
            <numerusform>%Ln destinataires n’ont pas de valeur pour %s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Write {{ code }} in the message to give one.</source>
        <translation>Écrivez {{ code }} dans le message pour en offrir un.</translation>
    </message>
    <message>
        <source>Everyone gets %s.</source>
        <translation>Tout le monde reçoit %s.</translation>
    </message>
    <message>
        <source>Type the code everyone gets.</source>
        <translation>Saisissez le code que tout le monde recevra.</translation>
    </message>
    <message>
        <source>Each person gets the code in their own row.</source>
        <translation>Chaque personne reçoit le code de sa propre ligne.</translation>
    </message>
    <message>
        <source>all filled</source>
        <translation>tous remplis</translation>
    </message>
    <message>
        <source>Where a cell is empty, the fallback text is written instead.</source>
        <translation>Là où une cellule est vide, le texte de remplacement est écrit à la place.</translation>
    </message>
    <message>
        <source>The personal fields show here once the problem under “Before you can send” is fixed.</source>
        <translation>Les champs personnalisés s’affichent ici une fois résolu le problème indiqué sous «&#x202f;Avant de pouvoir envoyer&#x202f;».</translation>
    </message>
    <message>
        <source>No personal fields yet. Type {{ or use “Insert field”.</source>
        <translation>Aucun champ personnalisé pour l’instant. Tapez {{ ou utilisez «&#x202f;Insérer un champ&#x202f;».</translation>
    </message>
    <message>
        <source>The message is ready; step 1, Customers, shows what is left to fix there.</source>
        <translation>Le message est prêt&#x202f;; l’étape 1, Clients, indique ce qu’il reste à corriger.</translation>
    </message>
    <message>
        <source>The message is ready; step 4, Send, shows what is left to do there.</source>
        <translation>Le message est prêt&#x202f;; l’étape 4, Envoi, indique ce qu’il reste à faire.</translation>
    </message>
    <message>
        <source>Nothing: the message is ready.</source>
        <translation>Rien&#x202f;: le message est prêt.</translation>
    </message>
</context>
<context>
    <name>OutboxViewer</name>
    <message>
        <source>Practice outbox</source>
        <translation>Boîte d’envoi d’essai</translation>
    </message>
    <message>
        <source>These are the messages your practice send produced. Nothing left this computer: each customer would have received only their own message.</source>
        <translation>Voici les messages produits par votre envoi d’essai. Rien n’a quitté cet ordinateur&#x202f;: chaque client n’aurait reçu que son propre message.</translation>
    </message>
    <message>
        <source>Received messages</source>
        <translation>Messages reçus</translation>
    </message>
    <message>
        <source>Message headers</source>
        <translation>En-têtes du message</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Texte brut</translation>
    </message>
    <message>
        <source>Formatted</source>
        <translation>Mis en forme</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Actualiser la liste</translation>
    </message>
    <message numerus="yes">
        <source>%Ln messages received.</source>
        <translation>
            <numerusform>%Ln message reçu.</numerusform>
            <numerusform>%Ln messages reçus.</numerusform>
        </translation>
    </message>
    <message>
        <source>No practice messages yet: send some from the Send step.</source>
        <translation>Aucun message d’essai pour l’instant&#x202f;: envoyez-en depuis l’étape Envoi.</translation>
    </message>
    <message>
        <source>This message could not be read.</source>
        <translation>Impossible de lire ce message.</translation>
    </message>
    <message>
        <source>From: {0}
To: {1}
Subject: {2}
Date: {3}</source>
        <translation>De&#x202f;: {0}
À&#x202f;: {1}
Objet&#x202f;: {2}
Date&#x202f;: {3}</translation>
    </message>
    <message>
        <source>
Attached: {0}</source>
        <translation>
Pièces jointes&#x202f;: {0}</translation>
    </message>
</context>
<context>
    <name>PaceBox</name>
    <message>
        <source>Pace (set from your mail provider&apos;s limits)</source>
        <translation>Rythme (selon les limites de votre fournisseur de messagerie)</translation>
    </message>
    <message>
        <source>Connections at once</source>
        <translation>Connexions simultanées</translation>
    </message>
    <message>
        <source>as fast as allowed</source>
        <translation>le plus vite possible</translation>
    </message>
    <message>
        <source> a minute</source>
        <translation> par minute</translation>
    </message>
    <message>
        <source>Messages a minute at most</source>
        <translation>Nombre maximal de messages par minute</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>aucune limite</translation>
    </message>
    <message>
        <source> a day</source>
        <translation> par jour</translation>
    </message>
    <message>
        <source>Messages a day at most</source>
        <translation>Nombre maximal de messages par jour</translation>
    </message>
    <message>
        <source>Start later, at</source>
        <translation>Commencer plus tard, le</translation>
    </message>
    <message>
        <source>Start sending later</source>
        <translation>Commencer l’envoi plus tard</translation>
    </message>
    <message>
        <source>When sending starts (your time zone)</source>
        <translation>Début de l’envoi (votre fuseau horaire)</translation>
    </message>
    <message>
        <source>Connections at once:</source>
        <translation>Connexions simultanées&#x202f;:</translation>
    </message>
    <message>
        <source>Messages a minute:</source>
        <translation>Messages par minute&#x202f;:</translation>
    </message>
    <message>
        <source>Messages a day:</source>
        <translation>Messages par jour&#x202f;:</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Quand&#x202f;:</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This step is not available in this version yet.</source>
        <translation>Cette étape n’est pas encore disponible dans cette version.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Each customer gets their own message, exactly as shown here. Nobody sees who else got one.</source>
        <translation>Chaque client reçoit son propre message, exactement tel qu’il apparaît ici. Personne ne voit qui d’autre en a reçu un.</translation>
    </message>
    <message>
        <source>Search by name or e-mail address</source>
        <translation>Rechercher par nom ou adresse e-mail</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Effacer la recherche</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ &amp;Précédent</translation>
    </message>
    <message>
        <source>Previous message</source>
        <translation>Message précédent</translation>
    </message>
    <message>
        <source>Previous message (Alt+Left)</source>
        <translation>Message précédent (Alt+Gauche)</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>&amp;Suivant ▶</translation>
    </message>
    <message>
        <source>Next message</source>
        <translation>Message suivant</translation>
    </message>
    <message>
        <source>Next message (Alt+Right)</source>
        <translation>Message suivant (Alt+Droite)</translation>
    </message>
    <message>
        <source>Message number</source>
        <translation>Numéro du message</translation>
    </message>
    <message>
        <source>Spreadsheet row to show</source>
        <translation>Ligne du tableau à afficher</translation>
    </message>
    <message>
        <source>&amp;Go to row</source>
        <translation>&amp;Aller à la ligne</translation>
    </message>
    <message>
        <source>Go to spreadsheet row</source>
        <translation>Aller à la ligne du tableau</translation>
    </message>
    <message>
        <source>Spreadsheet row:</source>
        <translation>Ligne du tableau&#x202f;:</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <source>In reply to</source>
        <translation>En réponse à</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À&#x202f;:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De&#x202f;:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Objet&#x202f;:</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Fichiers&#x202f;:</translation>
    </message>
    <message>
        <source>In reply to:</source>
        <translation>En réponse à&#x202f;:</translation>
    </message>
    <message>
        <source>Values worth a second look</source>
        <translation>Valeurs à vérifier</translation>
    </message>
    <message>
        <source>Message as plain text</source>
        <translation>Message en texte brut</translation>
    </message>
    <message>
        <source>Message as formatted text</source>
        <translation>Message mis en forme</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Texte brut</translation>
    </message>
    <message>
        <source>Formatted</source>
        <translation>Mis en forme</translation>
    </message>
    <message>
        <source>Message body</source>
        <translation>Corps du message</translation>
    </message>
    <message>
        <source>Plain or formatted version</source>
        <translation>Version texte brut ou mise en forme</translation>
    </message>
    <message>
        <source>Preview status</source>
        <translation>État de l’aperçu</translation>
    </message>
    <message>
        <source>Open a customer spreadsheet and write the apology first.</source>
        <translation>Ouvrez d’abord un tableau de clients et rédigez vos excuses.</translation>
    </message>
    <message>
        <source>Open a customer spreadsheet first (step 1).</source>
        <translation>Ouvrez d’abord un tableau de clients (étape 1).</translation>
    </message>
    <message>
        <source>Write the apology first (step 2).</source>
        <translation>Rédigez d’abord vos excuses (étape 2).</translation>
    </message>
    <message>
        <source>Preparing the messages…</source>
        <translation>Préparation des messages…</translation>
    </message>
    <message>
        <source>Nobody is in the audience: check the customers and the filter (step 1).</source>
        <translation>Aucun destinataire&#x202f;: vérifiez les clients et le filtre (étape 1).</translation>
    </message>
    <message>
        <source>These cannot be sent yet: {0}</source>
        <translation>Ces messages ne peuvent pas encore être envoyés&#x202f;: {0}</translation>
    </message>
    <message>
        <source>Row {0} is not among the recipients: it has a problem, is filtered out, or is not in the spreadsheet. See step 1.</source>
        <translation>La ligne {0} ne fait pas partie des destinataires&#x202f;: elle pose un problème, est exclue par le filtre ou ne figure pas dans le tableau. Voir l’étape 1.</translation>
    </message>
    <message>
        <source>Message {0} of {1}</source>
        <translation>Message {0} sur {1}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipients match.</source>
        <translation>
            <numerusform>%Ln destinataire correspond.</numerusform>
            <numerusform>%Ln destinataires correspondent.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody matches “{0}”.</source>
        <translation>Personne ne correspond à «&#x202f;{0}&#x202f;».</translation>
    </message>
    <message>
        <source>(your account, chosen in step 4)</source>
        <translation>(votre compte, choisi à l’étape 4)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Turn on the formatted version in step 2 to send one.</source>
        <translation>Activez la version mise en forme à l’étape 2 pour en envoyer une.</translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message>
        <source>4. Progress</source>
        <translation>4. Progression</translation>
    </message>
    <message>
        <source>Sending progress</source>
        <translation>Progression de l’envoi</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Pause sending</source>
        <translation>Mettre l’envoi en pause</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>Resume sending</source>
        <translation>Reprendre l’envoi</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Stop sending</source>
        <translation>Arrêter l’envoi</translation>
    </message>
    <message>
        <source>&amp;Stop waiting</source>
        <translation>&amp;Ne plus attendre</translation>
    </message>
    <message>
        <source>Do not go on by itself after the daily limit</source>
        <translation>Ne pas reprendre automatiquement après la limite quotidienne</translation>
    </message>
    <message>
        <source>Resend &amp;failed only</source>
        <translation>Ren&amp;voyer les échecs</translation>
    </message>
    <message>
        <source>Resend failed only</source>
        <translation>Renvoyer les échecs</translation>
    </message>
    <message>
        <source>&amp;Export delivery report…</source>
        <translation>E&amp;xporter le rapport d’envoi…</translation>
    </message>
    <message>
        <source>Export delivery report</source>
        <translation>Exporter le rapport d’envoi</translation>
    </message>
    <message>
        <source>Sending log</source>
        <translation>Journal d’envoi</translation>
    </message>
    <message>
        <source>So far: {0}.</source>
        <translation>Jusqu’ici&#x202f;: {0}.</translation>
    </message>
    <message>
        <source>Counts per state</source>
        <translation>Nombre par état</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Started: {0} to send.</source>
        <translation>Démarré&#x202f;: {0} à envoyer.</translation>
    </message>
    <message>
        <source>Sent to {0} (row {1}).</source>
        <translation>Envoyé à {0} (ligne {1}).</translation>
    </message>
    <message>
        <source>Failed for {0} (row {1}): {2}</source>
        <translation>Échec pour {0} (ligne {1})&#x202f;: {2}</translation>
    </message>
    <message>
        <source>Will retry {0} (row {1}) in {2}: {3}</source>
        <translation>Nouvelle tentative pour {0} (ligne {1}) dans {2}&#x202f;: {3}</translation>
    </message>
    <message>
        <source>In doubt: {0}</source>
        <translation>Incertain&#x202f;: {0}</translation>
    </message>
    <message>
        <source>Paused. Messages already on their way finish.</source>
        <translation>En pause. Les messages déjà en route terminent leur envoi.</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>Envoi repris.</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <source>Send</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>This campaign is part-sent: {0} sent, {1} still to go. To continue, type the number in step 3 and press Send.</source>
        <translation>Cette campagne est en partie envoyée&#x202f;: {0} envoyés, {1} restants. Pour continuer, saisissez le nombre à l’étape 3 et cliquez sur Envoyer.</translation>
    </message>
    <message>
        <source>The app goes on by itself each day while it is open; or send again later.</source>
        <translation>L’application reprend automatiquement chaque jour tant qu’elle est ouverte&#x202f;; sinon, relancez l’envoi plus tard.</translation>
    </message>
    <message>
        <source>Password (or app password) for {0}:</source>
        <translation>Mot de passe (ou mot de passe d’application) de {0}&#x202f;:</translation>
    </message>
    <message>
        <source>The last password for {0} was not accepted.</source>
        <translation>Le dernier mot de passe saisi pour {0} a été refusé.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Sign in again with “Add or change account…” in step 1 of Send.</source>
        <translation>Reconnectez-vous avec «&#x202f;Ajouter ou modifier un compte…&#x202f;» (Envoi, étape 1).</translation>
    </message>
    <message>
        <source>The password was forgotten; you are asked for it again next time.</source>
        <translation>Le mot de passe a été oublié&#x202f;; il vous sera redemandé la prochaine fois.</translation>
    </message>
    <message>
        <source>To change the account itself, use “Add or change account…” in step 1 of Send.</source>
        <translation>Pour changer le compte lui-même, utilisez «&#x202f;Ajouter ou modifier un compte…&#x202f;» (Envoi, étape 1).</translation>
    </message>
    <message>
        <source>Sending a test to {0}…</source>
        <translation>Envoi d’un test à {0}…</translation>
    </message>
    <message>
        <source>Test message kept in the practice outbox.</source>
        <translation>Le message de test est dans la boîte d’envoi d’essai.</translation>
    </message>
    <message>
        <source>Test message sent to {0} ({1}).</source>
        <translation>Message de test envoyé à {0} ({1}).</translation>
    </message>
    <message>
        <source>Save the campaign before sending</source>
        <translation>Enregistrer la campagne avant l’envoi</translation>
    </message>
    <message>
        <source>Apology campaigns (*.apology)</source>
        <translation>Campagnes d’excuses (*.apology)</translation>
    </message>
    <message>
        <source>Stopping after the messages already on their way…</source>
        <translation>Arrêt après les messages déjà en route…</translation>
    </message>
    <message>
        <source>Sending starts by itself at {0} (in {1}) while the app stays open.</source>
        <translation>L’envoi commencera automatiquement à {0} (dans {1}) si l’application reste ouverte.</translation>
    </message>
    <message>
        <source>Today&apos;s limit is reached. The rest goes on by itself at {0} (in {1}) while the app stays open; or close it and send again then.</source>
        <translation>La limite du jour est atteinte. La suite partira automatiquement à {0} (dans {1}) si l’application reste ouverte&#x202f;; sinon, fermez-la et relancez l’envoi à ce moment-là.</translation>
    </message>
    <message>
        <source>It is time: sending starts.</source>
        <translation>C’est l’heure&#x202f;: l’envoi commence.</translation>
    </message>
    <message>
        <source>The daily limit allows more now: sending goes on.</source>
        <translation>La limite quotidienne permet d’en envoyer plus&#x202f;: l’envoi reprend.</translation>
    </message>
    <message>
        <source>The campaign changed, so sending does not go on by itself; type the number again to send.</source>
        <translation>La campagne a changé&#x202f;: l’envoi ne reprend donc pas automatiquement. Saisissez à nouveau le nombre pour envoyer.</translation>
    </message>
    <message>
        <source>{0} of them are no longer in the list or are left out by the filter, so they cannot be sent again; mark them as sent or leave them.</source>
        <translation>Impossible de renvoyer à {0} (plus dans la liste ou écartés par le filtre)&#x202f;; marquez ces messages comme envoyés ou laissez-les.</translation>
    </message>
    <message>
        <source>{0} marked as sent.</source>
        <translation>Marqués comme envoyés&#x202f;: {0}.</translation>
    </message>
    <message>
        <source>{0} will go again with the next Send.</source>
        <translation>À renvoyer au prochain envoi&#x202f;: {0}.</translation>
    </message>
    <message>
        <source>The practice outbox has no mailbox to read.</source>
        <translation>La boîte d’envoi d’essai n’a pas de boîte mail à lire.</translation>
    </message>
    <message>
        <source>Reading the mailbox of {0}…</source>
        <translation>Lecture de la boîte mail de {0}…</translation>
    </message>
    <message>
        <source>{0} is in the list now; Send goes to it after you type the count.</source>
        <translation>{0} est maintenant dans la liste&#x202f;; l’envoi l’inclura une fois le nombre saisi.</translation>
    </message>
    <message>
        <source>The failed messages are for customers no longer in the list.</source>
        <translation>Les messages en échec concernent des clients qui ne sont plus dans la liste.</translation>
    </message>
    <message>
        <source>Send the {0} again, to those customers only?</source>
        <translation>Renvoyer {0}, à ces clients seulement&#x202f;?</translation>
    </message>
    <message>
        <source>Resend failed only</source>
        <translation>Renvoyer les échecs</translation>
    </message>
    <message>
        <source>Export the delivery report</source>
        <translation>Exporter le rapport d’envoi</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Classeur Excel (*.xlsx);;Fichier CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Delivery report with %Ln rows saved to {0}.</source>
        <translation>
            <numerusform>Rapport d’envoi de %Ln ligne enregistré dans {0}.</numerusform>
            <numerusform>Rapport d’envoi de %Ln lignes enregistré dans {0}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TestBox</name>
    <message>
        <source>2. Check it in your own inbox first</source>
        <translation>2. Vérifiez d’abord dans votre boîte de réception</translation>
    </message>
    <message>
        <source>Send a &amp;test to me</source>
        <translation>M’envoyer un &amp;test</translation>
    </message>
    <message>
        <source>Send a test to me</source>
        <translation>M’envoyer un test</translation>
    </message>
    <message>
        <source>Send without a test (I have checked the messages)</source>
        <translation>Envoyer sans test (j’ai vérifié les messages)</translation>
    </message>
    <message>
        <source>Send without a test</source>
        <translation>Envoyer sans test</translation>
    </message>
    <message>
        <source>A test of this version went to {0} at {1}. Read it there before you send to everyone.</source>
        <translation>Un test de cette version a été envoyé à {0} à {1}. Lisez-le avant d’envoyer à tous.</translation>
    </message>
    <message>
        <source>the practice outbox</source>
        <translation>la boîte d’envoi d’essai</translation>
    </message>
    <message>
        <source>You chose to send this version without a test.</source>
        <translation>Vous avez choisi d’envoyer cette version sans test.</translation>
    </message>
    <message>
        <source>The apology changed since your last test; send yourself a new one.</source>
        <translation>Les excuses ont changé depuis votre dernier test&#x202f;; envoyez-vous un nouveau test.</translation>
    </message>
    <message>
        <source>Nothing has gone to you yet: send yourself a test and read it first.</source>
        <translation>Rien ne vous a encore été envoyé&#x202f;: envoyez-vous un test et lisez-le d’abord.</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Résultat du test</translation>
    </message>
</context>
<context>
    <name>WroteInDialog</name>
    <message>
        <source>Answer everyone who wrote in</source>
        <translation>Répondre à tous ceux qui ont écrit</translation>
    </message>
    <message>
        <source>Each person who wrote to you becomes one customer, and gets their own answer in their own conversation. Your own messages and automatic ones (out of office, delivery reports) are left out.</source>
        <translation>Chaque personne qui vous a écrit devient un client et reçoit sa propre réponse, dans sa propre conversation. Vos propres messages et les messages automatiques (absences, rapports de remise) sont écartés.</translation>
    </message>
    <message>
        <source>A folder of my &amp;mailbox</source>
        <translation>Un dossier de ma &amp;boîte mail</translation>
    </message>
    <message>
        <source>Read a folder of my mailbox</source>
        <translation>Lire un dossier de ma boîte mail</translation>
    </message>
    <message>
        <source>Account whose mailbox is read</source>
        <translation>Compte dont la boîte mail est lue</translation>
    </message>
    <message>
        <source>Mailbox folder</source>
        <translation>Dossier de la boîte mail</translation>
    </message>
    <message>
        <source>Mail I &amp;exported (.mbox, or a folder of .eml)</source>
        <translation>E-mails que j’ai &amp;exportés (.mbox ou dossier de .eml)</translation>
    </message>
    <message>
        <source>Read exported mail</source>
        <translation>Lire des e-mails exportés</translation>
    </message>
    <message>
        <source>Exported mail file or folder</source>
        <translation>Fichier ou dossier d’e-mails exportés</translation>
    </message>
    <message>
        <source>an .mbox file, or a folder of .eml files</source>
        <translation>un fichier .mbox ou un dossier de fichiers .eml</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Fichier…</translation>
    </message>
    <message>
        <source>Choose an .mbox or .eml file</source>
        <translation>Choisir un fichier .mbox ou .eml</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Dossier…</translation>
    </message>
    <message>
        <source>Choose a folder of .eml files</source>
        <translation>Choisir un dossier de fichiers .eml</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>Reçus du</translation>
    </message>
    <message>
        <source>Only messages received from a day on</source>
        <translation>Uniquement les messages reçus à partir d’un jour donné</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Premier jour</translation>
    </message>
    <message>
        <source>until</source>
        <translation>au</translation>
    </message>
    <message>
        <source>Only messages received until a day</source>
        <translation>Uniquement les messages reçus jusqu’à un jour donné</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Dernier jour</translation>
    </message>
    <message>
        <source>Subject holds these words</source>
        <translation>L’objet contient ces mots</translation>
    </message>
    <message>
        <source>e.g. invoice</source>
        <translation>p. ex. facture</translation>
    </message>
    <message>
        <source>Sender holds this text</source>
        <translation>L’expéditeur contient ce texte</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Compte&#x202f;:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier&#x202f;:</translation>
    </message>
    <message>
        <source>Exported mail:</source>
        <translation>E-mails exportés&#x202f;:</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Dates&#x202f;:</translation>
    </message>
    <message>
        <source>Subject holds:</source>
        <translation>L’objet contient&#x202f;:</translation>
    </message>
    <message>
        <source>Sender holds:</source>
        <translation>L’expéditeur contient&#x202f;:</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>Ce qui manque</translation>
    </message>
    <message>
        <source>&amp;Find the people</source>
        <translation>&amp;Trouver les personnes</translation>
    </message>
    <message>
        <source>Find the people who wrote in</source>
        <translation>Trouver les personnes qui ont écrit</translation>
    </message>
    <message>
        <source>A folder of my mailbox (add your account in the Send step first)</source>
        <translation>Un dossier de ma boîte mail (ajoutez d’abord votre compte à l’étape Envoi)</translation>
    </message>
    <message>
        <source>Exported mail</source>
        <translation>E-mails exportés</translation>
    </message>
    <message>
        <source>Mail (*.mbox *.mbx *.eml);;All files (*)</source>
        <translation>E-mails (*.mbox *.mbx *.eml);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>A folder of .eml files</source>
        <translation>Un dossier de fichiers .eml</translation>
    </message>
    <message>
        <source>Type the folder to read, for example INBOX.</source>
        <translation>Saisissez le dossier à lire, par exemple INBOX.</translation>
    </message>
    <message>
        <source>Choose the exported .mbox file or .eml folder.</source>
        <translation>Choisissez le fichier .mbox ou le dossier .eml exporté.</translation>
    </message>
    <message>
        <source>The first day comes after the last; swap them.</source>
        <translation>Le premier jour est postérieur au dernier&#x202f;; inversez-les.</translation>
    </message>
</context>
</TS>

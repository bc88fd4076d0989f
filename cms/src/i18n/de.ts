import type { DefaultTranslationsObject } from '@payloadcms/translations'

type Overrides<T> = { [K in keyof T]?: T[K] extends object ? Overrides<T[K]> : string }

/**
 * Payload's German addresses the user as "du"; the project's texts, and a ministry's press office,
 * say "Sie". These replace every informal string of @payloadcms/translations 3.90 (checked against
 * its languages/de.js) and a few awkward ones ("Erstelle Medium", "<Kein Seiten>"). Payload merges
 * them over its own keys, so a key not listed here keeps Payload's wording.
 */
export const germanTranslations: Overrides<DefaultTranslationsObject> = {
  authentication: {
    beginCreateFirstUser: 'Legen Sie zuerst ein Benutzerkonto an.',
    checkYourEmailForPasswordReset:
      'Wenn die E-Mail-Adresse zu einem Benutzerkonto gehört, erhalten Sie in Kürze eine Anleitung zum Zurücksetzen Ihres Passworts. Bitte sehen Sie auch in Ihrem Spam-Ordner nach, falls die E-Mail nicht im Posteingang ankommt.',
    forgotPasswordEmailInstructions:
      'Bitte geben Sie Ihre E-Mail-Adresse ein. Sie erhalten dann eine E-Mail mit einer Anleitung zum Zurücksetzen Ihres Passworts.',
    forgotPasswordUsernameInstructions:
      'Bitte geben Sie Ihren Benutzernamen ein. Die Anleitung zum Zurücksetzen Ihres Passworts geht an die E-Mail-Adresse, die zu Ihrem Benutzernamen gehört.',
    generatingNewAPIKeyWillInvalidate:
      'Wenn Sie einen neuen API-Schlüssel erzeugen, wird der bisherige <1>ungültig</1>. Möchten Sie wirklich fortfahren?',
    loggedIn: 'Um sich mit einem anderen Benutzerkonto anzumelden, müssen Sie sich zuerst <0>abmelden</0>.',
    loggedInChangePassword: 'Ihr Passwort ändern Sie in Ihrem <0>Benutzerkonto</0>.',
    loggedOutInactivity: 'Sie wurden wegen Inaktivität abgemeldet.',
    loggedOutSuccessfully: 'Sie wurden abgemeldet.',
    loginWithAnotherUser: 'Um sich mit einem anderen Benutzer anzumelden, müssen Sie sich zuerst <0>abmelden</0>.',
    newAccountCreated:
      'Für Sie wurde ein neues Benutzerkonto auf <a href="{{serverURL}}">{{serverURL}}</a> angelegt. Bitte klicken Sie auf den folgenden Link oder kopieren Sie die Adresse in Ihren Browser, um Ihre E-Mail-Adresse zu bestätigen: <a href="{{verificationURL}}">{{verificationURL}}</a><br> Danach können Sie sich anmelden.',
    resetYourPassword: 'Passwort zurücksetzen',
    verifyYourEmail: 'E-Mail-Adresse bestätigen',
    youAreInactive:
      'Sie waren eine Weile inaktiv und werden zu Ihrer Sicherheit in Kürze abgemeldet. Möchten Sie angemeldet bleiben?',
    youAreReceivingResetPassword:
      'Sie erhalten diese Nachricht, weil Sie (oder jemand anderes) das Zurücksetzen des Passworts für Ihr Benutzerkonto angefordert haben. Bitte klicken Sie auf den folgenden Link oder kopieren Sie die Adresse in Ihren Browser, um fortzufahren:',
    youDidNotRequestPassword:
      'Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren. Ihr Passwort bleibt unverändert.',
  },
  dashboard: {
    discardMessage:
      'Sie haben ungespeicherte Änderungen am Layout Ihrer Übersicht. Möchten Sie diese wirklich verwerfen?',
    searchWidgets: 'Widgets suchen …',
    noItems: 'Auf Ihrer Übersicht sind keine Widgets. Sie können sie über das Menü „Dashboard“ oben hinzufügen.',
  },
  error: {
    deletingTitle:
      'Beim Löschen von {{title}} ist ein Fehler aufgetreten. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    documentNotFound:
      'Das Dokument mit der ID {{id}} wurde nicht gefunden. Es wurde gelöscht, hat nie existiert, oder Sie haben keinen Zugriff darauf.',
    insufficientClipboardPermissions:
      'Zugriff auf die Zwischenablage verweigert. Bitte prüfen Sie die Berechtigungen Ihres Browsers.',
    notAllowedToAccessPage: 'Sie haben keine Berechtigung, diese Seite aufzurufen.',
    notAllowedToPerformAction: 'Sie haben keine Berechtigung für diese Aktion.',
    restoringTitle:
      'Beim Wiederherstellen von {{title}} ist ein Fehler aufgetreten. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    unauthorized: 'Nicht berechtigt: Sie müssen angemeldet sein, um diese Anfrage zu stellen.',
    unverifiedEmail: 'Bitte bestätigen Sie Ihre E-Mail-Adresse, bevor Sie sich anmelden.',
  },
  fields: {
    chooseBetweenCustomTextOrDocument:
      'Geben Sie eine eigene Adresse (URL) ein oder verknüpfen Sie ein anderes Dokument.',
    chooseDocumentToLink: 'Wählen Sie das Dokument, auf das der Link zeigen soll.',
  },
  folder: {
    folderTypeDescription: 'Wählen Sie, welche Arten von Dokumenten dieser Ordner aufnehmen darf.',
    moveItemsToFolderConfirmation:
      'Möchten Sie <1>{{count}} {{label}}</1> wirklich nach <2>{{toFolder}}</2> verschieben?',
    moveItemsToRootConfirmation: 'Möchten Sie <1>{{count}} {{label}}</1> wirklich in den Hauptordner verschieben?',
    moveItemToFolderConfirmation: 'Möchten Sie <1>{{title}}</1> wirklich nach <2>{{toFolder}}</2> verschieben?',
    moveItemToRootConfirmation: 'Möchten Sie <1>{{title}}</1> wirklich in den Hauptordner verschieben?',
  },
  general: {
    aboutToDelete: 'Möchten Sie {{label}} <1>{{title}}</1> wirklich löschen?',
    aboutToDeleteCount_many: 'Möchten Sie {{count}} {{label}} wirklich löschen?',
    aboutToDeleteCount_one: 'Möchten Sie {{count}} {{label}} wirklich löschen?',
    aboutToDeleteCount_other: 'Möchten Sie {{count}} {{label}} wirklich löschen?',
    aboutToPermanentlyDelete: 'Möchten Sie {{label}} <1>{{title}}</1> wirklich endgültig löschen?',
    aboutToPermanentlyDeleteTrash:
      'Möchten Sie <0>{{count}}</0> <1>{{label}}</1> wirklich endgültig aus dem Papierkorb löschen?',
    aboutToRestore: 'Möchten Sie {{label}} <1>{{title}}</1> wirklich wiederherstellen?',
    aboutToRestoreAsDraft: 'Möchten Sie {{label}} <1>{{title}}</1> wirklich als Entwurf wiederherstellen?',
    aboutToRestoreAsDraftCount: 'Möchten Sie {{count}} {{label}} als Entwurf wiederherstellen?',
    aboutToRestoreCount: 'Möchten Sie {{count}} {{label}} wiederherstellen?',
    aboutToTrash: 'Möchten Sie {{label}} <1>{{title}}</1> wirklich in den Papierkorb verschieben?',
    aboutToTrashCount: 'Möchten Sie {{count}} {{label}} in den Papierkorb verschieben?',
    changesNotSaved: 'Ihre Änderungen wurden nicht gespeichert. Wenn Sie diese Seite verlassen, gehen sie verloren.',
    copyWarning: 'Möchten Sie {{to}} wirklich mit {{from}} überschreiben ({{label}} {{title}})?',
    creating: 'Wird angelegt',
    creatingNewLabel: 'Neu anlegen: {{label}}',
    currentlyEditing:
      'bearbeitet dieses Dokument gerade. Wenn Sie übernehmen, kann die andere Person nicht weiter bearbeiten, und nicht gespeicherte Änderungen können verloren gehen.',
    documentOutOfDate:
      'Dieses Dokument wurde gerade von einer anderen Person geändert. Ihre Ansicht ist nicht mehr aktuell.',
    enterAValue: 'Wert eingeben',
    moveConfirm: 'Möchten Sie {{count}} {{label}} wirklich nach <1>{{destination}}</1> verschieben?',
    newLabel: 'Neu: {{label}}',
    noLabel: '<ohne {{label}}>',
    sorryNotFound: 'Leider wurde nichts gefunden, das zu Ihrer Anfrage passt.',
    unsavedChanges:
      'Sie haben ungespeicherte Änderungen. Bitte speichern oder verwerfen Sie sie, bevor Sie fortfahren.',
    unsavedChangesDuplicate: 'Sie haben ungespeicherte Änderungen. Möchten Sie trotzdem duplizieren?',
  },
  upload: {
    cropToolDescription:
      'Ziehen Sie an den Ecken des ausgewählten Bereichs, zeichnen Sie einen neuen Bereich, oder passen Sie die Werte unten an.',
    focalPointDescription: 'Setzen Sie den Fokuspunkt direkt in der Vorschau, oder passen Sie die Werte unten an.',
  },
  validation: {
    emailAddress: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    enterNumber: 'Bitte geben Sie eine gültige Zahl ein.',
    username:
      'Bitte geben Sie einen gültigen Benutzernamen ein. Er darf Buchstaben, Ziffern, Bindestriche, Punkte und Unterstriche enthalten.',
  },
  version: {
    aboutToPublishSelection: 'Möchten Sie alle ausgewählten {{label}} veröffentlichen?',
    aboutToRestore: 'Sie setzen {{label}} auf den Stand vom {{versionDate}} zurück.',
    aboutToRestoreGlobal: 'Sie setzen das globale Dokument {{label}} auf den Stand vom {{versionDate}} zurück.',
    aboutToRevertToPublished: 'Möchten Sie dieses Dokument wirklich auf die veröffentlichte Fassung zurücksetzen?',
    aboutToUnpublish:
      'Möchten Sie die Veröffentlichung dieses Dokuments wirklich aufheben? Es wird wieder zum Entwurf.',
    aboutToUnpublishIn: 'Möchten Sie die Veröffentlichung dieses Dokuments auf {{locale}} wirklich aufheben?',
    aboutToUnpublishSelection: 'Möchten Sie die Veröffentlichung aller ausgewählten {{label}} wirklich aufheben?',
  },
}

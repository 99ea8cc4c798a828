/**
 * The sidebar's screens, in navigation order. A feature adds its screen (report fields,
 * audit, session batch, beneficiaries…) by writing a module that calls `registerScreen`
 * and adding one import line here.
 */
import './chooser';
import './form';
import './report';
import './beneficiaries';
import './audit';
import './settings';
import './session';
